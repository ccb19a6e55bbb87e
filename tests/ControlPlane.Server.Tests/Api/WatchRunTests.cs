using ControlPlane.Contracts.V1;
using ControlPlane.Core.Events;
using ControlPlane.Server.Tests.Api.Support;
using Grpc.Core;
using Xunit.Abstractions;
using CoreRunId = ControlPlane.Core.Runs.RunId;

namespace ControlPlane.Server.Tests.Api;

public sealed class WatchRunTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_watch_from_the_start_sends_every_event_in_order_as_it_happens_and_ends_with_the_run()
    {
        await using var server = await ApiServer.StartAsync(output);
        await server.ApplyAsync(Samples.OneStep("solo"));
        var run = await server.StartAsync("solo");
        using var call = server.Runs.WatchRun(new WatchRunRequest { RunId = run.Id }, cancellationToken: server.Ct);
        var first = await NextAsync(server, call);
        Assert.Equal(("run", "created", "queued", RunState.Queued), (first.Entity, first.Kind, first.ToState, first.RunState));

        // Only now does anything run: the open watch must pick the rest up live.
        var runner = await InProcessRunner.ConnectAsync(server, "api-runner");
        var offer = await runner.TakeOfferAsync();
        await server.SucceedAsync(offer);
        var rest = await ReadToEndAsync(server, call);

        var events = (List<WatchRunResponse>)[first, .. rest];
        Assert.Equal(await StoredSequencesAsync(server, run.Id), events.Select(e => e.Sequence));
        var last = events[^1];
        Assert.Equal(("run", "succeed", "running", "succeeded", RunState.Succeeded), (last.Entity, last.Kind, last.FromState, last.ToState, last.RunState));
        Assert.Contains(events, e => e is { Entity: "run", Kind: "start", RunState: RunState.Running });
        var stepEvent = events.First(e => e.Entity == "step" && e.Kind == "succeed");
        Assert.Equal(("only", "running", "succeeded", RunState.Running), (stepEvent.StepKey, stepEvent.FromState, stepEvent.ToState, stepEvent.RunState));
        var attemptEvent = events.First(e => e.Entity == "attempt");
        Assert.Equal((offer.AttemptId.Value, 1, "only", offer.StepId.Value), (attemptEvent.AttemptId, attemptEvent.AttemptNumber, attemptEvent.StepKey, attemptEvent.StepId));
        Assert.Contains(events, e => e.Entity == "run" && e.Kind == "succeed" && e.DataJson.Contains("reason", StringComparison.Ordinal));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task A_watch_of_a_finished_run_sends_its_history_and_ends_and_one_resumed_mid_way_gets_exactly_the_rest()
    {
        await using var server = await ApiServer.StartAsync(output);
        await server.ApplyAsync(Samples.OneStep("solo"));
        var runner = await InProcessRunner.ConnectAsync(server, "api-runner");
        var run = await server.StartAsync("solo");
        await server.FailAsync(await runner.TakeOfferAsync());
        await server.WaitForRunAsync(run.Id, r => r.Run.State == RunState.Failed);
        var stored = await StoredSequencesAsync(server, run.Id);

        var history = await WatchToEndAsync(server, run.Id, 0);
        var middle = history[history.Count / 2];
        var resumed = await WatchToEndAsync(server, run.Id, middle.Sequence);
        var afterTheEnd = await WatchToEndAsync(server, run.Id, history[^1].Sequence);

        Assert.Equal(stored, history.Select(e => e.Sequence));
        Assert.Equal(stored.Where(s => s > middle.Sequence), resumed.Select(e => e.Sequence));
        Assert.Equal(RunState.Running, middle.RunState);
        Assert.Equal((RunState.Failed, "fail"), (history[^1].RunState, history[^1].Kind));
        Assert.Empty(afterTheEnd);
    }

    [Fact]
    public async Task A_watch_of_a_retried_run_goes_past_the_first_end_and_ends_with_the_retry()
    {
        await using var server = await ApiServer.StartAsync(output);
        await server.ApplyAsync(Samples.OneStep("solo"));
        var runner = await InProcessRunner.ConnectAsync(server, "api-runner");
        var run = await server.StartAsync("solo");
        await server.FailAsync(await runner.TakeOfferAsync());
        await server.WaitForRunAsync(run.Id, r => r.Run.State == RunState.Failed);
        await server.Runs.RetryRunAsync(new RetryRunRequest { RunId = run.Id }, cancellationToken: server.Ct);
        using var call = server.Runs.WatchRun(new WatchRunRequest { RunId = run.Id }, cancellationToken: server.Ct);

        var second = await runner.TakeOfferAsync();
        await server.SucceedAsync(second);
        var events = await ReadToEndAsync(server, call);

        var runEvents = events.Where(e => e.Entity == "run").Select(e => (e.Kind, e.RunState)).ToList();
        Assert.Equal(
            [("created", RunState.Queued), ("start", RunState.Running), ("fail", RunState.Failed), ("retry", RunState.Queued), ("start", RunState.Running), ("succeed", RunState.Succeeded)],
            runEvents);
        Assert.Equal(await StoredSequencesAsync(server, run.Id), events.Select(e => e.Sequence));
        Assert.Equal(2, events.Last(e => e.Entity == "attempt").AttemptNumber);
    }

    [Fact]
    public async Task An_unknown_run_is_not_found_and_a_negative_sequence_is_invalid()
    {
        await using var server = await ApiServer.StartAsync(output);
        await server.ApplyAsync(Samples.OneStep("solo"));
        var run = await server.StartAsync("solo");

        var unknown = await Assert.ThrowsAsync<RpcException>(() => WatchToEndAsync(server, 999, 0));
        var negative = await Assert.ThrowsAsync<RpcException>(() => WatchToEndAsync(server, run.Id, -1));

        Assert.Equal((StatusCode.NotFound, "There is no run 999."), (unknown.StatusCode, unknown.Status.Detail));
        Assert.Equal((StatusCode.InvalidArgument, "after_sequence: must not be negative, not -1"), (negative.StatusCode, negative.Status.Detail));
    }

    [Fact]
    public async Task A_watch_resumed_with_its_last_sequence_after_a_server_restart_misses_nothing_and_repeats_nothing()
    {
        await using var server = await ApiServer.StartAsync(output);
        await server.ApplyAsync(Samples.OneStep("solo"));
        var run = await server.StartAsync("solo");
        // No runner yet: the run starts and its step waits, ready, across the restart.
        await server.WaitForRunAsync(run.Id, r => r.Steps[0].State == StepState.Ready);
        var before = new List<WatchRunResponse>();
        Task? restart = null;
        var interrupted = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            using var call = server.Runs.WatchRun(new WatchRunRequest { RunId = run.Id }, cancellationToken: server.Ct);
            while (await call.ResponseStream.MoveNext(server.Ct))
            {
                before.Add(call.ResponseStream.Current);
                if (before[^1] is { Entity: "step", ToState: "ready" })
                {
                    // The stream stays open while the server shuts down under it.
                    restart ??= server.RestartAsync();
                }
            }
        });
        Assert.NotNull(restart);
        await restart;

        using var resumed = server.Runs.WatchRun(new WatchRunRequest { RunId = run.Id, AfterSequence = before[^1].Sequence }, cancellationToken: server.Ct);
        var runner = await InProcessRunner.ConnectAsync(server, "after-restart");
        await server.SucceedAsync(await runner.TakeOfferAsync());
        var after = await ReadToEndAsync(server, resumed);

        Assert.Equal(StatusCode.Unavailable, interrupted.StatusCode);
        Assert.Contains($"after_sequence {before[^1].Sequence}", interrupted.Status.Detail, StringComparison.Ordinal);
        Assert.NotEmpty(after);
        Assert.Equal(await StoredSequencesAsync(server, run.Id), before.Concat(after).Select(e => e.Sequence));
        Assert.Equal(RunState.Succeeded, after[^1].RunState);
    }

    private static async Task<WatchRunResponse> NextAsync(ApiServer server, AsyncServerStreamingCall<WatchRunResponse> call)
    {
        Assert.True(await call.ResponseStream.MoveNext(server.Ct), "the watch ended early");
        return call.ResponseStream.Current;
    }

    private static async Task<List<WatchRunResponse>> ReadToEndAsync(ApiServer server, AsyncServerStreamingCall<WatchRunResponse> call)
    {
        var events = new List<WatchRunResponse>();
        while (await call.ResponseStream.MoveNext(server.Ct))
        {
            events.Add(call.ResponseStream.Current);
        }

        return events;
    }

    private static async Task<List<WatchRunResponse>> WatchToEndAsync(ApiServer server, long runId, long afterSequence)
    {
        using var call = server.Runs.WatchRun(new WatchRunRequest { RunId = runId, AfterSequence = afterSequence }, cancellationToken: server.Ct);
        return await ReadToEndAsync(server, call);
    }

    private static async Task<List<long>> StoredSequencesAsync(ApiServer server, long runId)
    {
        await using var unit = await server.Store.BeginReadAsync(server.Ct);
        IReadOnlyList<EventRecord> events = await unit.Events.ReadRunAfterAsync(new CoreRunId(runId), 0, 10_000, server.Ct);
        return [.. events.Select(e => e.Sequence)];
    }
}
