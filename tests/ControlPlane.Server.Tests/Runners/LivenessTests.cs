using System.Diagnostics;
using ControlPlane.Core.Runners;
using ControlPlane.Server.Tests.Runners.Support;
using Grpc.Core;
using Xunit.Abstractions;

namespace ControlPlane.Server.Tests.Runners;

/// <summary>
/// Lost-runner detection with the default timings (heartbeat 5 s, lease 15 s). The times are printed, not asserted:
/// the dispatch loop wakes at the lease deadline itself, so they read about 15 s to "lost" and 16 s to the re-offer
/// (the lost-runner retry waits the default 1 s backoff).
/// </summary>
public sealed class LivenessTests(ITestOutputHelper output)
{
    [Fact]
    public async Task With_default_timings_a_silent_runner_is_lost_after_the_lease_duration_and_its_attempt_offered_again()
    {
        await using var server = await RunnerTestServer.StartAsync(output);
        var silent = await server.RegisterAsync("silent");
        var healthy = await server.RegisterAsync("healthy");
        await using var agent = await ScriptedAgent.ConnectAsync(server.Client, silent.RunnerToken, cancellationToken: server.Ct);
        await server.StartRunAsync("""
            name: one
            steps:
              - id: s
                run: echo hi
            """);
        var offer = await agent.NextOfferAsync();
        await agent.SendAsync(AgentMessages.Accept(offer));
        await using var other = await ScriptedAgent.ConnectAsync(server.Client, healthy.RunnerToken, cancellationToken: server.Ct);
        other.StartHeartbeats(other.Welcome.HeartbeatInterval.ToTimeSpan());

        await agent.RoundTripAsync();
        var silence = Stopwatch.StartNew();
        var ended = await agent.Ended;
        var lostAfter = silence.Elapsed;
        var again = await other.NextOfferAsync();
        var reofferedAfter = silence.Elapsed;

        output.WriteLine($"MEASURED: last heartbeat ack -> stream ended (runner lost): {lostAfter.TotalSeconds:F2} s; -> attempt re-offered: {reofferedAfter.TotalSeconds:F2} s");
        Assert.Equal(StatusCode.FailedPrecondition, ended?.StatusCode);
        Assert.Equal(offer.StepId, again.StepId);
        Assert.Equal(RunnerState.Lost, (await server.ReadAsync(unit => unit.Runners.GetAsync(new RunnerId(silent.RunnerId), server.Ct))).State);
    }
}
