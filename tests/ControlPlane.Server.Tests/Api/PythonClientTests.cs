using ControlPlane.Server.Tests.Api.Support;
using ControlPlane.Testing;
using Xunit.Abstractions;

namespace ControlPlane.Server.Tests.Api;

/// <summary>The API as an independent gRPC implementation (python3-grpcio, C-core) sees it.</summary>
public sealed class PythonClientTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _directory = new("cp-api-py");

    [Fact]
    public async Task A_python_client_applies_a_workflow_and_reads_the_diagnostics_of_an_invalid_one()
    {
        await using var server = await ApiServer.StartAsync(output);
        var address = server.Address.Authority;
        var valid = _directory.Combine("ci.yaml");
        var broken = _directory.Combine("broken.yaml");
        await File.WriteAllTextAsync(valid, Samples.Ci, server.Ct);
        await File.WriteAllTextAsync(broken, Samples.Broken, server.Ct);

        var applied = await PythonApiClient.RunAsync("apply_workflow.py", [address, "ci.yaml", valid], server.Ct);
        var refused = await PythonApiClient.RunAsync("apply_workflow.py", [address, "broken.yaml", broken], server.Ct);

        Assert.Matches(@"^APPLIED \d+ True$", applied.Single());
        Assert.Equal("CODE INVALID_ARGUMENT", refused[0]);
        Assert.Equal("MESSAGE the workflow has 2 errors:", refused[1]);
        Assert.StartsWith("MESSAGE broken.yaml:3:3: error CP1001 defaults.timout: ", refused[2], StringComparison.Ordinal);
        Assert.StartsWith("MESSAGE broken.yaml:8:13: error CP1004 steps[1].needs[0]: ", refused[3], StringComparison.Ordinal);
        Assert.Equal(["VIOLATION defaults.timout CP1001", "VIOLATION steps[1].needs[0] CP1004"], refused.Skip(4));
    }

    public void Dispose() => _directory.Dispose();
}
