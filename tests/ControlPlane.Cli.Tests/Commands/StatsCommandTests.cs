using ControlPlane.Cli.Tests.Support;
using ControlPlane.Contracts.V1;

namespace ControlPlane.Cli.Tests.Commands;

[Collection(ControlPlaneCollection.Name)]
public sealed class StatsCommandTests(ControlPlaneFixture fixture)
{
    // A workflow only these tests run, so the counts are theirs alone.
    private const string Exiting = """
        name: cli-stats
        inputs:
          code: {type: number, default: 0}
        steps:
          - id: check
            run: exit ${{ inputs.code }}
        """;

    [Fact]
    public async Task Stats_of_a_workflow_show_its_runs_success_rate_and_failing_steps_as_text_and_json_and_runs_list_filters_by_time()
    {
        var file = fixture.File("stats.yaml");
        await File.WriteAllTextAsync(file, Exiting);
        var applied = await fixture.CpctlAsync("apply", file);
        Assert.True(applied.ExitCode == 0, applied.ToString());
        var passed = await fixture.CpctlAsync("run", "cli-stats", "--wait");
        var failed = await fixture.CpctlAsync("run", "cli-stats", "-i", "code=4", "--wait");
        Assert.True((passed.ExitCode, failed.ExitCode) == (0, 1), $"{passed}\n{failed}\n{fixture.Transcript}");

        var text = await fixture.CpctlAsync("stats", "cli-stats", "--window", "1d");
        var json = await fixture.CpctlAsync("stats", "cli-stats", "-o", "json");

        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains("runs of workflow cli-stats created since", text.StandardOutput);
        Assert.Contains("succeeded 1", text.StandardOutput);
        Assert.Contains("failed 1", text.StandardOutput);
        Assert.Contains("success rate: 50% of 2 finished", text.StandardOutput);
        Assert.Matches(@"(?m)^duration: p50 \S+  p95 \S+$", text.StandardOutput);
        Assert.Matches(@"(?m)^check\s+1\s+1\s*$", text.StandardOutput);
        var stats = GetStatsResponse.Parser.ParseJson(json.StandardOutput);
        Assert.Equal((2L, 0.5), (stats.RunsTotal, stats.SuccessRate));

        var before = await fixture.CpctlAsync("runs", "list", "--workflow", "cli-stats", "--until", "1h", "-o", "json");
        var between = await fixture.CpctlAsync("runs", "list", "--workflow", "cli-stats", "--since", "1h", "--until", "2999-01-01T00:00:00Z", "-o", "json");
        Assert.Empty(ListRunsResponse.Parser.ParseJson(before.StandardOutput).Runs);
        Assert.Equal(2, ListRunsResponse.Parser.ParseJson(between.StandardOutput).Runs.Count);
    }

    [Fact]
    public async Task Stats_of_an_unknown_workflow_exit_1_with_one_line_and_a_bad_window_is_a_usage_error()
    {
        var unknown = await fixture.CpctlAsync("stats", "no-such-workflow");
        var badWindow = await fixture.CpctlAsync("stats", "--window", "soon");

        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("no-such-workflow", Assert.Single(unknown.ErrorLines));
        Assert.NotEqual(0, badWindow.ExitCode);
        Assert.Contains("--window", badWindow.StandardError);
    }
}
