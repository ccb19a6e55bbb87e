using System.Diagnostics;
using ControlPlane.Contracts.V1;
using ControlPlane.Server.Tests.Runners.Support;
using ControlPlane.Store;
using ControlPlane.Testing;
using Grpc.Core;
using Xunit.Abstractions;
using Kind = ControlPlane.Contracts.V1.ConnectResponse.MessageOneofCase;
using StepState = ControlPlane.Core.Steps.StepState;

namespace ControlPlane.Server.Tests.Runners;

/// <summary>How a shutting-down server ends its runners' streams: it says it is closing, offers nothing more, takes
/// what the agent still reports, and ends each stream with UNAVAILABLE once the agent has ended its side.</summary>
public sealed class ServerClosingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Server_shutdown_tells_runners_it_is_closing_and_ends_their_streams_with_unavailable()
    {
        await using var server = await RunnerTestServer.StartAsync(output);
        var registered = await server.RegisterAsync("r");
        await using var agent = await ScriptedAgent.ConnectAsync(server.Client, registered.RunnerToken, cancellationToken: server.Ct);

        var stopping = server.App.StopAsync(server.Ct);
        var closing = await agent.NextAsync(Kind.Closing);
        var ended = await agent.Ended;
        await stopping;

        Assert.Contains("shutting down", closing.Closing.Reason, StringComparison.Ordinal);
        Assert.True(ended?.StatusCode == StatusCode.Unavailable, $"the stream ended with {ended?.ToString() ?? "no error"}");
    }

    [Fact]
    public async Task A_result_reported_after_the_closing_notice_is_recorded_and_acknowledged_before_the_stream_ends()
    {
        await using var server = await RunnerTestServer.StartAsync(output);
        var registered = await server.RegisterAsync("r");
        var runId = await server.StartRunAsync(RunnerWorkflows.OneStep);
        await using var agent = await ScriptedAgent.ConnectAsync(server.Client, registered.RunnerToken, cancellationToken: server.Ct);
        agent.EndsItsSideWhenServerCloses = false;
        var offer = await agent.NextOfferAsync();
        await agent.SendAsync(AgentMessages.Accept(offer));
        await agent.SendAsync(AgentMessages.Started(offer));
        await agent.RoundTripAsync();

        var stopping = server.App.StopAsync(server.Ct);
        await agent.NextAsync(Kind.Closing);
        await agent.SendAsync(AgentMessages.Finished(offer, "done\n"u8.ToArray()));
        await agent.CompleteAsync();
        var acknowledged = await agent.NextAsync(Kind.FinishedAck);
        var ended = await agent.Ended;
        await stopping;

        Assert.Equal(offer.AttemptId, acknowledged.FinishedAck.AttemptId);
        Assert.True(ended?.StatusCode == StatusCode.Unavailable, $"the stream ended with {ended?.ToString() ?? "no error"}");
        await using var store = await SqliteStore.OpenAsync(server.CombinePath("data/controlplane.db"), TimeProvider.System, server.Ct);
        await using var unit = await store.BeginReadAsync(server.Ct);
        Assert.Equal(StepState.Succeeded, (await unit.Steps.FindByKeyAsync(runId, "s", server.Ct))!.State);
    }

    [Fact]
    public async Task A_runner_that_keeps_its_side_open_after_the_notice_is_cut_off_when_the_closing_grace_has_passed()
    {
        using var directory = new TempDirectory("cp-closing");
        var config = directory.Combine("server.json");
        await File.WriteAllTextAsync(config, """{ "Runners": { "ClosingGrace": "00:00:01" } }""");
        await using var server = await RunnerTestServer.StartAsync(output, "--config", config);
        var registered = await server.RegisterAsync("r");
        await using var agent = await ScriptedAgent.ConnectAsync(server.Client, registered.RunnerToken, cancellationToken: server.Ct);
        agent.EndsItsSideWhenServerCloses = false;

        var watch = Stopwatch.StartNew();
        await server.App.StopAsync(server.Ct);
        var stopped = watch.Elapsed;
        var ended = await agent.Ended;

        await agent.NextAsync(Kind.Closing);
        Assert.NotNull(ended);
        // Held for the grace (the agent might still have ended its side), but not until the host's own shutdown
        // timeout (30 s), which is what an unbounded wait would come to.
        Assert.InRange(stopped, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(20));
    }
}
