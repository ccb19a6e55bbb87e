using System.Text;
using ControlPlane.Contracts.V1;
using ControlPlane.Core.Attempts;
using ControlPlane.Core.Runs;
using ControlPlane.Core.Steps;
using ControlPlane.Server.Tests.Runners.Support;
using Xunit.Abstractions;
using AttemptState = ControlPlane.Core.Attempts.AttemptState;
using Kind = ControlPlane.Contracts.V1.ConnectResponse.MessageOneofCase;
using RunState = ControlPlane.Core.Runs.RunState;
using StepState = ControlPlane.Core.Steps.StepState;

namespace ControlPlane.Server.Tests.Runners;

/// <summary>An attempt from offer to result over the stream: accept, start, log, finish; fencing and rejection.</summary>
public sealed class AttemptLifecycleTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Accept_start_log_with_resends_and_finish_succeed_the_step_with_its_log_byte_exact_and_complete()
    {
        await using var server = await RunnerTestServer.StartAsync(output);
        var registered = await server.RegisterAsync("r");
        await using var agent = await ScriptedAgent.ConnectAsync(server.Client, registered.RunnerToken, cancellationToken: server.Ct);
        var runId = await server.StartRunAsync(RunnerWorkflows.OneStep);
        var offer = await agent.NextOfferAsync();
        var log = Encoding.UTF8.GetBytes("line one\nline two\n\u00e9\u00e8 third line\n");

        await agent.SendAsync(AgentMessages.Accept(offer));
        await agent.SendAsync(AgentMessages.Started(offer, 777));
        await agent.SendAsync(AgentMessages.Log(offer.AttemptId, offer.LeaseEpoch, 0, log[..9]));
        var ack1 = (await agent.NextAsync(Kind.LogAck)).LogAck;
        await agent.SendAsync(AgentMessages.Log(offer.AttemptId, offer.LeaseEpoch, 0, log[..9]));
        var duplicate = (await agent.NextAsync(Kind.LogAck)).LogAck;
        await agent.SendAsync(AgentMessages.Log(offer.AttemptId, offer.LeaseEpoch, 4, log[4..20], LogStream.Stderr));
        var overlap = (await agent.NextAsync(Kind.LogAck)).LogAck;
        await agent.SendAsync(AgentMessages.Log(offer.AttemptId, offer.LeaseEpoch, 20, log[20..]));
        var last = (await agent.NextAsync(Kind.LogAck)).LogAck;
        await agent.SendAsync(AgentMessages.Finished(offer, log, new Dictionary<string, string> { ["k"] = "v" }));
        var finished = (await agent.NextAsync(Kind.FinishedAck)).FinishedAck;

        Assert.Equal((9L, 9L, 20L, (long)log.Length), (ack1.Offset, duplicate.Offset, overlap.Offset, last.Offset));
        Assert.Equal((offer.AttemptId, true), (finished.AttemptId, finished.LogComplete));
        Assert.Equal(StepState.Succeeded, (await server.StepAsync(runId, "s")).State);
        var attempt = await server.ReadAsync(unit => unit.Attempts.GetAsync(new AttemptId(offer.AttemptId), server.Ct));
        Assert.Equal(("pid:777", 0, true), (attempt.ProcessRef, attempt.ExitCode, attempt.Log.IsComplete));
        var stored = await server.ReadAsync(unit => unit.Logs.ReadAsync(attempt.Id, 0, 1 << 20, server.Ct));
        Assert.Equal(log, stored.SelectMany(c => c.Data.ToArray()).ToArray());
        await server.WaitForAsync(() => server.ReadAsync(unit => unit.Runs.GetAsync(runId, server.Ct)), r => r.State == RunState.Succeeded, "the run to succeed");
    }

    [Fact]
    public async Task A_chunk_past_a_gap_is_acknowledged_at_the_held_offset_so_the_agent_resends_from_there()
    {
        await using var server = await RunnerTestServer.StartAsync(output);
        var registered = await server.RegisterAsync("r");
        await using var agent = await ScriptedAgent.ConnectAsync(server.Client, registered.RunnerToken, cancellationToken: server.Ct);
        await server.StartRunAsync(RunnerWorkflows.OneStep);
        var offer = await agent.NextOfferAsync();
        await agent.SendAsync(AgentMessages.Accept(offer));

        await agent.SendAsync(AgentMessages.Log(offer.AttemptId, offer.LeaseEpoch, 0, "abc"u8.ToArray()));
        await agent.NextAsync(Kind.LogAck);
        await agent.SendAsync(AgentMessages.Log(offer.AttemptId, offer.LeaseEpoch, 10, "later"u8.ToArray()));
        var gap = (await agent.NextAsync(Kind.LogAck)).LogAck;

        Assert.Equal(3, gap.Offset);
        Assert.Equal(3, (await server.ReadAsync(unit => unit.Logs.GetStatusAsync(new AttemptId(offer.AttemptId), server.Ct))).ReceivedBytes);
    }

    [Fact]
    public async Task Log_that_trails_the_result_is_still_stored_and_completes_the_log()
    {
        await using var server = await RunnerTestServer.StartAsync(output);
        var registered = await server.RegisterAsync("r");
        await using var agent = await ScriptedAgent.ConnectAsync(server.Client, registered.RunnerToken, cancellationToken: server.Ct);
        var runId = await server.StartRunAsync(RunnerWorkflows.OneStep);
        var offer = await agent.NextOfferAsync();
        var log = "all of the log\n"u8.ToArray();

        await agent.SendAsync(AgentMessages.Accept(offer));
        await agent.SendAsync(AgentMessages.Finished(offer, log));
        var early = (await agent.NextAsync(Kind.FinishedAck)).FinishedAck;
        await agent.SendAsync(AgentMessages.Log(offer.AttemptId, offer.LeaseEpoch, 0, log));
        var ack = (await agent.NextAsync(Kind.LogAck)).LogAck;

        Assert.False(early.LogComplete);
        Assert.Equal(log.Length, ack.Offset);
        Assert.Equal(StepState.Succeeded, (await server.StepAsync(runId, "s")).State);
        Assert.True((await server.ReadAsync(unit => unit.Logs.GetStatusAsync(new AttemptId(offer.AttemptId), server.Ct))).IsComplete);
    }

    [Fact]
    public async Task Reports_under_a_stale_epoch_are_answered_with_an_abort_and_change_nothing()
    {
        await using var server = await RunnerTestServer.StartAsync(output);
        var registered = await server.RegisterAsync("r");
        await using var agent = await ScriptedAgent.ConnectAsync(server.Client, registered.RunnerToken, cancellationToken: server.Ct);
        var runId = await server.StartRunAsync(RunnerWorkflows.OneStep);
        var offer = await agent.NextOfferAsync();
        await agent.SendAsync(AgentMessages.Accept(offer));
        var stale = offer.LeaseEpoch - 1;

        await agent.SendAsync(AgentMessages.Log(offer.AttemptId, stale, 0, "x"u8.ToArray()));
        var logAbort = (await agent.NextAsync(Kind.Abort)).Abort;
        await agent.SendAsync(AgentMessages.Finished(offer.AttemptId, stale, []));
        var finishAbort = (await agent.NextAsync(Kind.Abort)).Abort;
        await agent.SendAsync(new ConnectRequest { Accept = new OfferAccept { AttemptId = 999_999, LeaseEpoch = 1 } });
        var unknownAbort = (await agent.NextAsync(Kind.Abort)).Abort;

        Assert.Equal((offer.AttemptId, stale), (logAbort.AttemptId, logAbort.LeaseEpoch));
        Assert.Contains("stale", logAbort.Reason, StringComparison.Ordinal);
        Assert.Equal(offer.AttemptId, finishAbort.AttemptId);
        Assert.Equal(999_999, unknownAbort.AttemptId);
        Assert.DoesNotContain(agent.Received, m => m.MessageCase == Kind.FinishedAck);
        var attempt = await server.ReadAsync(unit => unit.Attempts.GetAsync(new AttemptId(offer.AttemptId), server.Ct));
        Assert.Equal((AttemptState.Running, offer.LeaseEpoch, 0L), (attempt.State, attempt.LeaseEpoch, attempt.Log.ReceivedBytes));
        Assert.Equal(StepState.Running, (await server.StepAsync(runId, "s")).State);

        // The stream lives on: the current epoch still works.
        await agent.SendAsync(AgentMessages.Finished(offer, []));
        Assert.True((await agent.NextAsync(Kind.FinishedAck)).FinishedAck.LogComplete);
    }

    [Fact]
    public async Task A_rejected_offer_goes_back_to_the_queue_and_is_offered_again()
    {
        await using var server = await RunnerTestServer.StartAsync(output);
        var first = await server.RegisterAsync("first");
        var second = await server.RegisterAsync("second");
        await using var agent = await ScriptedAgent.ConnectAsync(server.Client, first.RunnerToken, cancellationToken: server.Ct);
        var runId = await server.StartRunAsync(RunnerWorkflows.OneStep);
        var offer = await agent.NextOfferAsync();
        await using var other = await ScriptedAgent.ConnectAsync(server.Client, second.RunnerToken, cancellationToken: server.Ct);

        await agent.SendAsync(AgentMessages.Reject(offer, "busy"));
        var again = await other.NextOfferAsync();

        Assert.Equal(offer.StepId, again.StepId);
        Assert.NotEqual(offer.AttemptId, again.AttemptId);
        var attempts = await server.ReadAsync(unit => unit.Attempts.ListByStepAsync(new StepId(offer.StepId), server.Ct));
        Assert.Equal(AttemptState.Rejected, attempts[0].State);
        Assert.Equal(StepState.Offered, (await server.StepAsync(runId, "s")).State);
    }

    [Fact]
    public async Task A_failed_attempt_fails_the_step_with_its_exit_code()
    {
        await using var server = await RunnerTestServer.StartAsync(output);
        var registered = await server.RegisterAsync("r");
        await using var agent = await ScriptedAgent.ConnectAsync(server.Client, registered.RunnerToken, cancellationToken: server.Ct);
        var runId = await server.StartRunAsync(RunnerWorkflows.OneStep);
        var offer = await agent.NextOfferAsync();

        await agent.SendAsync(AgentMessages.Accept(offer));
        await agent.SendAsync(AgentMessages.Finished(offer.AttemptId, offer.LeaseEpoch, [], AttemptOutcome.Failed, exitCode: 3));
        await agent.NextAsync(Kind.FinishedAck);

        var step = await server.StepAsync(runId, "s");
        Assert.Equal((StepState.Failed, 3), (step.State, step.ExitCode));
    }
}
