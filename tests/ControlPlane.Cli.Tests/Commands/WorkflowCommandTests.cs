using ControlPlane.Cli.Tests.Support;
using ControlPlane.Contracts.V1;
using Grpc.Net.Client;

namespace ControlPlane.Cli.Tests.Commands;

[Collection(ControlPlaneCollection.Name)]
public sealed class WorkflowCommandTests(ControlPlaneFixture fixture)
{
    [Fact]
    public async Task Apply_reports_the_revision_and_that_unchanged_content_keeps_it()
    {
        var first = await fixture.CpctlAsync("apply", fixture.File("ok.yaml"));
        var again = await fixture.CpctlAsync("apply", fixture.File("ok.yaml"), "-o", "json");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Matches(@"ok\.yaml: workflow cli-ok revision \d+ unchanged \(sha256:[0-9a-f]{64}\)", first.StandardOutput);
        var response = ApplyWorkflowResponse.Parser.ParseJson(again.StandardOutput);
        Assert.False(response.Created);
        Assert.Equal("cli-ok", response.Revision.WorkflowName);
    }

    [Fact]
    public async Task Apply_of_an_invalid_file_exits_1_with_every_diagnostic_line()
    {
        var result = await fixture.CpctlAsync("apply", fixture.File("bad.yaml"));

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("cpctl: ", result.ErrorLines[0]);
        Assert.Contains("the workflow has 2 errors", result.ErrorLines[0]);
        Assert.Contains(result.ErrorLines, l => l.Contains("bad.yaml:2:", StringComparison.Ordinal) && l.Contains("timout", StringComparison.Ordinal));
        Assert.Contains(result.ErrorLines, l => l.Contains("biuld", StringComparison.Ordinal));
        Assert.Equal(3, result.ErrorLines.Count);
    }

    [Fact]
    public async Task Offline_validate_prints_the_same_diagnostics_as_the_server()
    {
        var path = fixture.File("bad.yaml");
        using var channel = GrpcChannel.ForAddress(fixture.Address);
        var server = await new WorkflowService.WorkflowServiceClient(channel).ValidateWorkflowAsync(
            new ValidateWorkflowRequest { FileName = path, Source = await File.ReadAllTextAsync(path) },
            new global::Grpc.Core.Metadata { { "authorization", "Bearer " + fixture.AdminToken } });

        var offline = await Cpctl.RunAsync(["validate", path, "--server", "http://127.0.0.1:1"]);

        Assert.Equal(1, offline.ExitCode);
        var lines = offline.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(server.Diagnostics.Select(d => d.Text), lines.Take(server.Diagnostics.Count));
        Assert.Equal($"{path}: invalid, 2 errors", lines[^1]);
    }
}
