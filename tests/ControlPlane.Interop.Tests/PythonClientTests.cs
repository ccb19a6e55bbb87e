using System.Globalization;
using ControlPlane.Testing;

namespace ControlPlane.Interop.Tests;

/// <summary>
/// What a tool written in another language sees of cp-server: Debian's python3-grpcio (C-core), an independent gRPC
/// implementation, calls a real cp-server process over cleartext HTTP/2.
/// </summary>
public sealed class PythonClientTests(CpServerFixture fixture) : IClassFixture<CpServerFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Health_is_SERVING_for_the_server_and_each_service_and_an_unknown_service_is_NOT_FOUND()
    {
        Assert.Equal(["STATUS SERVING"], await PeerAsync("health", fixture.HostPort, ""));
        Assert.Equal(["STATUS SERVING"], await PeerAsync("health", fixture.HostPort, "controlplane.v1.RunnerService"));
        Assert.Equal("CODE NOT_FOUND", (await PeerAsync("health", fixture.HostPort, "no.such.Service"))[0]);
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("v1alpha")]
    public async Task Reflection_lists_and_describes_every_service_and_a_call_built_from_it_works(string version)
    {
        await using var client = await PythonProcess.StartAsync("reflection_client.py", ["--server", fixture.HostPort, "--version", version, "--call-get-version"]);

        var exitCode = await client.WaitForExitAsync(Timeout);

        Assert.True(exitCode == 0, client.StandardError);
        var services = client.StandardOutput.Split('\n').Where(l => l.StartsWith("SERVICE ", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        Assert.Equal(
            [
                "SERVICE controlplane.v1.AdminService", "SERVICE controlplane.v1.NotificationService", "SERVICE controlplane.v1.RunService",
                "SERVICE controlplane.v1.RunnerService", "SERVICE controlplane.v1.StatsService", "SERVICE controlplane.v1.WorkflowService",
                "SERVICE grpc.health.v1.Health", "SERVICE grpc.reflection.v1.ServerReflection", "SERVICE grpc.reflection.v1alpha.ServerReflection",
            ],
            services);
        Assert.Contains("METHOD controlplane.v1.RunService.StartRun controlplane.v1.StartRunRequest controlplane.v1.StartRunResponse", client.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("FIELD api_version controlplane.v1", client.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_API_call_with_the_token_is_answered_and_without_it_or_with_a_wrong_one_is_UNAUTHENTICATED()
    {
        Assert.Matches(@"^WORKFLOWS \d+$", (await PeerAsync("list", fixture.HostPort, fixture.AdminToken)).Single());
        Assert.Equal("CODE UNAUTHENTICATED", (await PeerAsync("list", fixture.HostPort, "-"))[0]);
        var wrong = await PeerAsync("list", fixture.HostPort, "cp_" + new string('x', 40));
        Assert.Equal("CODE UNAUTHENTICATED", wrong[0]);
        Assert.DoesNotContain(wrong, line => line.Contains(fixture.AdminToken, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_invalid_workflow_is_INVALID_ARGUMENT_with_each_problem_in_grpc_status_details_bin()
    {
        var path = fixture.Combine("broken.yaml");
        await File.WriteAllTextAsync(path, "name: broken\ndefaults:\n  timout: 1m\nsteps:\n  - id: build\n    run: make\n  - id: test\n    needs: [biuld]\n    run: make test\n");

        var refused = await PeerAsync("apply", fixture.HostPort, fixture.AdminToken, "broken.yaml", path);

        Assert.Equal("CODE INVALID_ARGUMENT", refused[0]);
        Assert.Equal("MESSAGE the workflow has 2 errors:", refused[1]);
        Assert.StartsWith("MESSAGE broken.yaml:3:3: error CP1001 defaults.timout: ", refused[2], StringComparison.Ordinal);
        Assert.StartsWith("MESSAGE broken.yaml:8:13: error CP1004 steps[1].needs[0]: ", refused[3], StringComparison.Ordinal);
        Assert.Equal(
            [
                "VIOLATION defaults.timout CP1001", "VIOLATION steps[1].needs[0] CP1004",
                "DIAGNOSTIC CP1001 3:3 defaults.timout", "DIAGNOSTIC CP1004 8:13 steps[1].needs[0]",
            ],
            refused.Skip(4));
    }

    [Fact]
    public async Task A_runner_registers_and_its_bidi_stream_is_welcomed_and_ends_at_its_deadline()
    {
        var lines = await PeerAsync("runner", fixture.HostPort, CpServerFixture.RegistrationToken, "python-runner", "3");

        Assert.Matches(@"^REGISTERED \d+$", lines[0]);
        Assert.Equal("RECEIVED welcome", lines[1]);
        Assert.Equal("CODE DEADLINE_EXCEEDED", lines.Single(l => l.StartsWith("CODE ", StringComparison.Ordinal)));
        var elapsed = double.Parse(lines.Single(l => l.StartsWith("ELAPSED ", StringComparison.Ordinal))["ELAPSED ".Length..], CultureInfo.InvariantCulture);
        Assert.InRange(elapsed, 2.9, 30);
    }

    [Fact]
    public async Task A_wrong_registration_token_is_UNAUTHENTICATED()
    {
        var lines = await PeerAsync("runner", fixture.HostPort, "not-the-registration-token-000000", "intruder", "3");

        Assert.Equal("CODE UNAUTHENTICATED", lines[0]);
    }

    private Task<IReadOnlyList<string>> PeerAsync(params string[] arguments) => RunAsync(arguments);

    private async Task<IReadOnlyList<string>> RunAsync(string[] arguments)
    {
        try
        {
            return await PythonPeer.RunAsync(arguments, Timeout);
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"{e.Message}\n--- cp-server ---\n{fixture.Server.Process.Transcript}", e);
        }
    }
}
