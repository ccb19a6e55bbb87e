using ControlPlane.Contracts.V1;
using ControlPlane.Core.Attempts;
using ControlPlane.Core.Runners;
using ControlPlane.Core.Runs;
using ControlPlane.Core.Steps;
using ControlPlane.Server.Tests.Runners.Support;
using Grpc.Core;
using Xunit.Abstractions;
using AttemptState = ControlPlane.Core.Attempts.AttemptState;
using Kind = ControlPlane.Contracts.V1.ConnectResponse.MessageOneofCase;
using RunnerState = ControlPlane.Core.Runners.RunnerState;
using RunState = ControlPlane.Core.Runs.RunState;
using StepState = ControlPlane.Core.Steps.StepState;

namespace ControlPlane.Server.Tests.Runners;

/// <summary>How runner sessions end and resume: lost, replaced, reconnected, drained, cancelled, shut down.</summary>
public sealed class SessionTests(ITestOutputHelper output)
{
    private static readonly string[] FastLiveness = ["--heartbeat-interval", "1s", "--runner-lost-timeout", "3s"];

    [Fact]
    public async Task A_silent_runner_is_declared_lost_its_stream_ends_and_its_attempt_is_offered_to_another_runner()
    {
        await using var server = await RunnerTestServer.StartAsync(output, FastLiveness);
        var silent = await server.RegisterAsync("silent");
        var healthy = await server.RegisterAsync("healthy");
        await using var agent = await ScriptedAgent.ConnectAsync(server.Client, silent.RunnerToken, cancellationToken: server.Ct);
        var runId = await server.StartRunAsync(RunnerWorkflows.OneStep);
        var offer = await agent.NextOfferAsync();
        await agent.SendAsync(AgentMessages.Accept(offer));
        await agent.RoundTripAsync();
        await using var other = await ScriptedAgent.ConnectAsync(server.Client, healthy.RunnerToken, cancellationToken: server.Ct);
        other.StartHeartbeats(TimeSpan.FromMilliseconds(500));

        var ended = await agent.Ended;
        var again = await other.NextOfferAsync();

        Assert.Equal(StatusCode.FailedPrecondition, ended?.StatusCode);
        Assert.Contains("lost", ended!.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(RunnerState.Lost, (await server.ReadAsync(unit => unit.Runners.GetAsync(new RunnerId(silent.RunnerId), server.Ct))).State);
        Assert.Equal((offer.StepId, 2), (again.StepId, again.AttemptNumber));
        var first = await server.ReadAsync(unit => unit.Attempts.GetAsync(new AttemptId(offer.AttemptId), server.Ct));
        Assert.Equal((AttemptState.Lost, Core.Attempts.FailureClass.RunnerLost), (first.State, first.FailureClass));

        await other.SendAsync(AgentMessages.Accept(again));
        await other.SendAsync(AgentMessages.Finished(again, []));
        await other.NextAsync(Kind.FinishedAck);
        Assert.Equal(StepState.Succeeded, (await server.StepAsync(runId, "s")).State);
    }

    [Fact]
    public async Task A_reconnecting_runner_resumes_its_held_attempt_under_a_new_epoch_at_the_held_log_offset_and_finishes_it()
    {
        await using var server = await RunnerTestServer.StartAsync(output);
        var registered = await server.RegisterAsync("r");
        var runId = await server.StartRunAsync(RunnerWorkflows.OneStep);
        AttemptOffer offer;
        await using (var before = await ScriptedAgent.ConnectAsync(server.Client, registered.RunnerToken, cancellationToken: server.Ct))
        {
            offer = await before.NextOfferAsync();
            await before.SendAsync(AgentMessages.Accept(offer));
            await before.SendAsync(AgentMessages.Log(offer.AttemptId, offer.LeaseEpoch, 0, "abc"u8.ToArray()));
            await before.NextAsync(Kind.LogAck);
        }

        var hello = new RunnerHello
        {
            Capacity = 1,
            HeldAttempts =
            {
                new HeldAttempt { AttemptId = offer.AttemptId, LeaseEpoch = offer.LeaseEpoch, AcknowledgedLogOffset = 3 },
                new HeldAttempt { AttemptId = 999_999, LeaseEpoch = 1 },
            },
        };
        await using var after = await ScriptedAgent.ConnectAsync(server.Client, registered.RunnerToken, hello, server.Ct);
        var resumed = after.Welcome.Reattached.Single(r => r.AttemptId == offer.AttemptId);
        var unknown = after.Welcome.Reattached.Single(r => r.AttemptId == 999_999);

        Assert.True(resumed.Resumed);
        Assert.True(resumed.LeaseEpoch > offer.LeaseEpoch);
        Assert.Equal(3, resumed.LogOffset);
        Assert.False(unknown.Resumed);
        Assert.StartsWith("not found", unknown.Reason, StringComparison.Ordinal);

        await after.SendAsync(AgentMessages.Log(offer.AttemptId, offer.LeaseEpoch, 3, "def"u8.ToArray()));
        Assert.Equal(offer.AttemptId, (await after.NextAsync(Kind.Abort)).Abort.AttemptId);
        await after.SendAsync(AgentMessages.Log(offer.AttemptId, resumed.LeaseEpoch, 3, "def"u8.ToArray()));
        Assert.Equal(6, (await after.NextAsync(Kind.LogAck)).LogAck.Offset);
        await after.SendAsync(AgentMessages.Finished(offer.AttemptId, resumed.LeaseEpoch, "abcdef"u8.ToArray()));
        Assert.True((await after.NextAsync(Kind.FinishedAck)).FinishedAck.LogComplete);
        Assert.Equal(StepState.Succeeded, (await server.StepAsync(runId, "s")).State);
    }

    [Fact]
    public async Task A_runner_whose_welcome_was_lost_presents_its_older_epoch_again_and_is_still_resumed()
    {
        await using var server = await RunnerTestServer.StartAsync(output);
        var registered = await server.RegisterAsync("r");
        var runId = await server.StartRunAsync(RunnerWorkflows.OneStep);
        AttemptOffer offer;
        await using (var before = await ScriptedAgent.ConnectAsync(server.Client, registered.RunnerToken, cancellationToken: server.Ct))
        {
            offer = await before.NextOfferAsync();
            await before.SendAsync(AgentMessages.Accept(offer));
            await before.RoundTripAsync();
        }

        var hello = new RunnerHello { Capacity = 1, HeldAttempts = { new HeldAttempt { AttemptId = offer.AttemptId, LeaseEpoch = offer.LeaseEpoch } } };
        long granted;
        await using (var lost = await ScriptedAgent.ConnectAsync(server.Client, registered.RunnerToken, hello, server.Ct))
        {
            // The server granted a new epoch here; the runner never saw this Welcome (its connection broke first).
            granted = lost.Welcome.Reattached.Single().LeaseEpoch;
        }

        await using var after = await ScriptedAgent.ConnectAsync(server.Client, registered.RunnerToken, hello, server.Ct);
        var resumed = after.Welcome.Reattached.Single();

        Assert.True(resumed.Resumed, resumed.Reason);
        Assert.True(resumed.LeaseEpoch > granted, $"epoch {resumed.LeaseEpoch} after {granted}");
        await after.SendAsync(AgentMessages.Finished(offer.AttemptId, resumed.LeaseEpoch, []));
        Assert.True((await after.NextAsync(Kind.FinishedAck)).FinishedAck.LogComplete);
        Assert.Equal(StepState.Succeeded, (await server.StepAsync(runId, "s")).State);
    }

    [Fact]
    public async Task A_held_attempt_that_ended_and_was_recorded_keeps_its_epoch_so_the_rest_of_its_log_can_follow()
    {
        await using var server = await RunnerTestServer.StartAsync(output);
        var registered = await server.RegisterAsync("r");
        var runId = await server.StartRunAsync(RunnerWorkflows.OneStep);
        AttemptOffer offer;
        var log = "0123456789"u8.ToArray();
        await using (var before = await ScriptedAgent.ConnectAsync(server.Client, registered.RunnerToken, cancellationToken: server.Ct))
        {
            offer = await before.NextOfferAsync();
            await before.SendAsync(AgentMessages.Accept(offer));
            await before.SendAsync(AgentMessages.Log(offer.AttemptId, offer.LeaseEpoch, 0, log[..4]));
            await before.SendAsync(AgentMessages.Finished(offer, log));
            await before.NextAsync(Kind.FinishedAck);
        }

        var hello = new RunnerHello { Capacity = 1, HeldAttempts = { new HeldAttempt { AttemptId = offer.AttemptId, LeaseEpoch = offer.LeaseEpoch, AcknowledgedLogOffset = 4, Ended = true } } };
        await using var after = await ScriptedAgent.ConnectAsync(server.Client, registered.RunnerToken, hello, server.Ct);
        var resumed = after.Welcome.Reattached.Single();
        await after.SendAsync(AgentMessages.Log(offer.AttemptId, resumed.LeaseEpoch, 4, log[4..]));
        var ack = (await after.NextAsync(Kind.LogAck)).LogAck;

        Assert.Equal((true, offer.LeaseEpoch, 4L), (resumed.Resumed, resumed.LeaseEpoch, resumed.LogOffset));
        Assert.Equal(log.Length, ack.Offset);
        Assert.True((await server.ReadAsync(unit => unit.Logs.GetStatusAsync(new AttemptId(offer.AttemptId), server.Ct))).IsComplete);
        Assert.Equal(StepState.Succeeded, (await server.StepAsync(runId, "s")).State);
    }

    [Fact]
    public async Task A_newer_connect_of_the_same_runner_ends_the_older_stream_with_aborted()
    {
        await using var server = await RunnerTestServer.StartAsync(output);
        var registered = await server.RegisterAsync("r");
        await using var older = await ScriptedAgent.ConnectAsync(server.Client, registered.RunnerToken, cancellationToken: server.Ct);

        await using var newer = await ScriptedAgent.ConnectAsync(server.Client, registered.RunnerToken, cancellationToken: server.Ct);

        Assert.Equal(StatusCode.Aborted, (await older.Ended)?.StatusCode);
        await newer.RoundTripAsync();
        Assert.Equal(RunnerState.Online, (await server.ReadAsync(unit => unit.Runners.GetAsync(new RunnerId(registered.RunnerId), server.Ct))).State);
    }

    [Fact]
    public async Task An_operator_drain_sends_a_drain_request_and_the_runner_is_offered_nothing_more()
    {
        await using var server = await RunnerTestServer.StartAsync(output);
        var registered = await server.RegisterAsync("r");
        await using var agent = await ScriptedAgent.ConnectAsync(server.Client, registered.RunnerToken, cancellationToken: server.Ct);

        await server.Connector.SetDrainingAsync(new RunnerId(registered.RunnerId), true, server.Ct);
        var drain = (await agent.NextAsync(Kind.Drain)).Drain;
        var runId = await server.StartRunAsync(RunnerWorkflows.OneStep);
        var step = await server.WaitForAsync(() => server.StepAsync(runId, "s"), s => s.PendingReason is not null, "the step's pending reason");
        await agent.RoundTripAsync();

        Assert.Contains("drain", drain.Reason, StringComparison.Ordinal);
        Assert.Contains("draining", step.PendingReason, StringComparison.Ordinal);
        Assert.Equal(StepState.Ready, step.State);
        Assert.DoesNotContain(agent.DrainInbox(), m => m.MessageCase == Kind.Offer);
    }

    [Fact]
    public async Task A_runner_that_says_it_is_draining_gets_nothing_more_in_that_session_but_its_next_start_takes_work()
    {
        await using var server = await RunnerTestServer.StartAsync(output);
        var registered = await server.RegisterAsync("r");
        await using (var agent = await ScriptedAgent.ConnectAsync(server.Client, registered.RunnerToken, cancellationToken: server.Ct))
        {
            await agent.SendAsync(new ConnectRequest { Draining = new RunnerDraining { Reason = "SIGTERM" } });
            await agent.RoundTripAsync();
            var runId = await server.StartRunAsync(RunnerWorkflows.OneStep);
            var step = await server.WaitForAsync(() => server.StepAsync(runId, "s"), s => s.PendingReason is not null, "the step's pending reason");
            await agent.RoundTripAsync();

            Assert.Contains("draining", step.PendingReason, StringComparison.Ordinal);
            Assert.DoesNotContain(agent.DrainInbox(), m => m.MessageCase is Kind.Drain or Kind.Offer);
        }

        // The agent's own drain is not an operator's: it is not stored, and a restarted agent is welcomed to work.
        Assert.False((await server.ReadAsync(unit => unit.Runners.GetAsync(new RunnerId(registered.RunnerId), server.Ct))).Draining);
        await using var restarted = await ScriptedAgent.ConnectAsync(server.Client, registered.RunnerToken, cancellationToken: server.Ct);
        Assert.False(restarted.Welcome.Draining);
        Assert.Equal(Kind.Offer, (await restarted.NextAsync(Kind.Offer)).MessageCase);
    }

    [Fact]
    public async Task Cancelling_a_run_sends_an_attempt_cancel_and_the_cancelled_report_ends_the_run()
    {
        await using var server = await RunnerTestServer.StartAsync(output);
        var registered = await server.RegisterAsync("r");
        await using var agent = await ScriptedAgent.ConnectAsync(server.Client, registered.RunnerToken, cancellationToken: server.Ct);
        var runId = await server.StartRunAsync(RunnerWorkflows.OneStep);
        var offer = await agent.NextOfferAsync();
        await agent.SendAsync(AgentMessages.Accept(offer));
        await agent.RoundTripAsync();

        await server.Canceller.RequestCancelAsync(runId, server.Ct);
        var cancel = (await agent.NextAsync(Kind.Cancel)).Cancel;
        await agent.SendAsync(AgentMessages.Finished(offer.AttemptId, offer.LeaseEpoch, [], AttemptOutcome.Cancelled, exitCode: 130));
        await agent.NextAsync(Kind.FinishedAck);

        Assert.Equal((offer.AttemptId, offer.LeaseEpoch), (cancel.AttemptId, cancel.LeaseEpoch));
        Assert.True(cancel.Grace.ToTimeSpan() > TimeSpan.Zero);
        Assert.Equal(StepState.Cancelled, (await server.StepAsync(runId, "s")).State);
        await server.WaitForAsync(() => server.ReadAsync(unit => unit.Runs.GetAsync(runId, server.Ct)), r => r.State == RunState.Cancelled, "the run to be cancelled");
    }
}
