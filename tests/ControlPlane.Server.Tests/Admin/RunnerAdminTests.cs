using ControlPlane.Contracts.V1;
using ControlPlane.Core.Runners;
using ControlPlane.Server.Tests.Runners.Support;
using Grpc.Core;
using Xunit.Abstractions;
using static ControlPlane.Server.Tests.Auth.Support.Tokens;
using Kind = ControlPlane.Contracts.V1.ConnectResponse.MessageOneofCase;
using RunnerState = ControlPlane.Contracts.V1.RunnerState;

namespace ControlPlane.Server.Tests.Admin;

/// <summary>ListRunners, DrainRunner and RemoveRunner over the real server with scripted agents.</summary>
public sealed class RunnerAdminTests(ITestOutputHelper output)
{
    private const string Workflow = "name: one\nsteps:\n  - id: s\n    run: echo hi\n";

    [Fact]
    public async Task Runners_are_listed_with_their_state_labels_and_load()
    {
        await using var server = await RunnerTestServer.StartAsync(output);
        var (admin, headers) = await AdminAsync(server);
        var busy = await server.RegisterAsync("busy", 2, "linux");
        await server.RegisterAsync("idle", 1);
        await using var agent = await ScriptedAgent.ConnectAsync(server.Client, busy.RunnerToken, new RunnerHello { Capacity = 2, AgentVersion = "test", Labels = { "linux" } }, server.Ct);
        await server.StartRunAsync(Workflow);
        await agent.NextOfferAsync();

        var runners = (await admin.ListRunnersAsync(new ListRunnersRequest(), headers, cancellationToken: server.Ct)).Runners;

        Assert.Equal(["busy", "idle"], runners.Select(r => r.Name));
        Assert.Equal((RunnerState.Online, 1, 2, "linux"), (runners[0].State, runners[0].Load, runners[0].Capacity, runners[0].Labels.Single()));
        Assert.Equal((RunnerState.Offline, 0), (runners[1].State, runners[1].Load));
        Assert.NotNull(runners[0].LastHeartbeatAt);
    }

    [Fact]
    public async Task Draining_a_connected_runner_sends_its_agent_a_drain_request_and_resuming_clears_the_flag()
    {
        await using var server = await RunnerTestServer.StartAsync(output);
        var (admin, headers) = await AdminAsync(server);
        var registered = await server.RegisterAsync("r");
        await using var agent = await ScriptedAgent.ConnectAsync(server.Client, registered.RunnerToken, cancellationToken: server.Ct);

        var drained = await admin.DrainRunnerAsync(new DrainRunnerRequest { RunnerId = registered.RunnerId }, headers, cancellationToken: server.Ct);
        await agent.NextAsync(Kind.Drain);
        var resumed = await admin.DrainRunnerAsync(new DrainRunnerRequest { RunnerId = registered.RunnerId, Resume = true }, headers, cancellationToken: server.Ct);

        Assert.True(drained.Runner.Draining);
        Assert.False(resumed.Runner.Draining);
        Assert.False((await server.ReadAsync(unit => unit.Runners.GetAsync(new RunnerId(registered.RunnerId), server.Ct))).Draining);
    }

    [Fact]
    public async Task Draining_or_removing_an_unknown_runner_is_not_found()
    {
        await using var server = await RunnerTestServer.StartAsync(output);
        var (admin, headers) = await AdminAsync(server);

        var drain = await FailureAsync(() => admin.DrainRunnerAsync(new DrainRunnerRequest { RunnerId = 404 }, headers, cancellationToken: server.Ct).ResponseAsync);
        var remove = await FailureAsync(() => admin.RemoveRunnerAsync(new RemoveRunnerRequest { RunnerId = 404 }, headers, cancellationToken: server.Ct).ResponseAsync);

        Assert.Equal((StatusCode.NotFound, StatusCode.NotFound), (drain.StatusCode, remove.StatusCode));
    }

    [Fact]
    public async Task A_runner_that_is_online_or_holds_attempts_cannot_be_removed()
    {
        await using var server = await RunnerTestServer.StartAsync(output);
        var (admin, headers) = await AdminAsync(server);
        var registered = await server.RegisterAsync("r");
        var id = new RunnerId(registered.RunnerId);
        var agent = await ScriptedAgent.ConnectAsync(server.Client, registered.RunnerToken, cancellationToken: server.Ct);
        await server.StartRunAsync(Workflow);
        await agent.NextOfferAsync();

        var online = await FailureAsync(() => admin.RemoveRunnerAsync(new RemoveRunnerRequest { RunnerId = id.Value }, headers, cancellationToken: server.Ct).ResponseAsync);
        await agent.DisposeAsync();
        await server.WaitForAsync(() => server.ReadAsync(unit => unit.Runners.GetAsync(id, server.Ct)), r => r.State == Core.Runners.RunnerState.Offline, "the runner to go offline");
        var holding = await FailureAsync(() => admin.RemoveRunnerAsync(new RemoveRunnerRequest { RunnerId = id.Value }, headers, cancellationToken: server.Ct).ResponseAsync);

        Assert.Equal((StatusCode.FailedPrecondition, StatusCode.FailedPrecondition), (online.StatusCode, holding.StatusCode));
        Assert.Contains("connected", online.Detail, StringComparison.Ordinal);
        Assert.Contains("holds 1 offered or running attempt", holding.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_removed_runner_is_no_longer_listed_its_token_stops_working_and_its_name_can_register_again()
    {
        await using var server = await RunnerTestServer.StartAsync(output);
        var (admin, headers) = await AdminAsync(server);
        var registered = await server.RegisterAsync("r");
        var id = new RunnerId(registered.RunnerId);
        await using (await ScriptedAgent.ConnectAsync(server.Client, registered.RunnerToken, cancellationToken: server.Ct))
        {
        }

        await server.WaitForAsync(() => server.ReadAsync(unit => unit.Runners.GetAsync(id, server.Ct)), r => r.State == Core.Runners.RunnerState.Offline, "the runner to go offline");
        await admin.RemoveRunnerAsync(new RemoveRunnerRequest { RunnerId = id.Value }, headers, cancellationToken: server.Ct);
        await using var stale = ScriptedAgent.Open(server.Client, registered.RunnerToken, server.Ct);
        var refused = await stale.Ended;
        var again = await server.RegisterAsync("r");
        var listed = (await admin.ListRunnersAsync(new ListRunnersRequest(), headers, cancellationToken: server.Ct)).Runners;

        Assert.Equal(StatusCode.Unauthenticated, refused?.StatusCode);
        Assert.Equal([again.RunnerId], listed.Select(r => r.Id));
        var second = await FailureAsync(() => admin.RemoveRunnerAsync(new RemoveRunnerRequest { RunnerId = id.Value }, headers, cancellationToken: server.Ct).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, second.StatusCode);
    }

    private static async Task<(AdminService.AdminServiceClient Client, Metadata Headers)> AdminAsync(RunnerTestServer server) =>
        (new AdminService.AdminServiceClient(server.Channel), Bearer(await ReadAdminTokenAsync(server.CombinePath("data"))));
}
