using System.Runtime.CompilerServices;
using ControlPlane.Core.Attempts;
using ControlPlane.Core.Events;
using ControlPlane.Core.Runs;
using ControlPlane.Core.StateMachines;
using ControlPlane.Core.Steps;
using ControlPlane.Core.Storage;
using ControlPlane.Server.Api;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ControlPlane.Server.Queries;

/// <summary>
/// WatchRun's source: a run's events after a sequence, history first, then live as the store gets them, until the
/// event that ends the run.
/// </summary>
/// <remarks>
/// <para><b>Nothing missed, nothing repeated.</b> The store has one writer at a time and numbers events as it writes
/// them, so once a reader sees sequence N every smaller sequence is committed too: reading "after the last sequence
/// sent" in order never skips an event that commits later. A client that reconnects with the last sequence it saw
/// (after a server restart, say) gets exactly the rest.</para>
/// <para><b>The end.</b> The feed ends after the run event that puts the run in succeeded, failed or cancelled,
/// unless the run was retried after it (the store already holds the retry): a retried run is a new run attempt, and
/// a watch of it ends when that attempt ends. Resuming after the final event ends at once.</para>
/// <para><b>Live.</b> Events are written by the dispatch loop, runner reports and API calls alike, so the feed polls
/// the store (<see cref="ApiOptions.WatchPollInterval"/>) rather than hooking one writer. A poll is one indexed read.</para>
/// </remarks>
public sealed class RunEventFeed
{
    private readonly IStore _store;
    private readonly TimeProvider _time;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ApiOptions _options;

    public RunEventFeed(IStore store, TimeProvider time, IHostApplicationLifetime lifetime, IOptions<ApiOptions> options)
    {
        _store = store;
        _time = time;
        _lifetime = lifetime;
        _options = options.Value;
    }

    /// <summary>The run's events with a sequence above <paramref name="afterSequence"/>, in order, ending with the run.</summary>
    /// <exception cref="EntityNotFoundException">No such run (from the first read).</exception>
    /// <exception cref="ServerStoppingException">The server began shutting down while the feed waited for events.</exception>
    public async IAsyncEnumerable<RunEvent> WatchAsync(RunId runId, long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.ApplicationStopping);
        var cursor = new RunEventCursor(runId, afterSequence);
        while (true)
        {
            var (events, ends) = await ReadAsync(cursor, stop.Token, cancellationToken);
            foreach (var item in events)
            {
                yield return item;
                cursor.Sequence = item.Event.Sequence;
            }

            if (ends)
            {
                yield break;
            }

            if (events.Count == 0)
            {
                await WaitAsync(cursor, stop.Token, cancellationToken);
            }
        }
    }

    private async Task<(IReadOnlyList<RunEvent> Events, bool Ends)> ReadAsync(RunEventCursor cursor, CancellationToken stop, CancellationToken caller)
    {
        try
        {
            return await ReadBatchAsync(cursor, stop);
        }
        catch (OperationCanceledException) when (Stopping(caller))
        {
            throw new ServerStoppingException($"resume with after_sequence {cursor.Sequence}");
        }
    }

    private async Task<(IReadOnlyList<RunEvent> Events, bool Ends)> ReadBatchAsync(RunEventCursor cursor, CancellationToken cancellationToken)
    {
        await using var unit = await _store.BeginReadAsync(cancellationToken);
        if (cursor.Lifecycle is null)
        {
            // The first read checks the run exists, so an unknown run fails before anything is sent.
            _ = await unit.Runs.GetAsync(cursor.RunId, cancellationToken);
            cursor.Lifecycle = await unit.Events.ReadRunLifecycleAsync(cursor.RunId, cancellationToken);
        }

        var rows = await unit.Events.ReadRunAfterAsync(cursor.RunId, cursor.Sequence, _options.WatchReadEvents, cancellationToken);
        if (rows.Count == 0)
        {
            // Nothing after the cursor in this snapshot, so no retry either: a run that ended at or before it is over.
            return ([], cursor.Lifecycle is [.., var last] && last.Sequence <= cursor.Sequence && IsEnd(last));
        }

        if (rows.Any(IsRunTransition))
        {
            // Read in the same snapshot as the rows, so "was it retried after this end?" is answered consistently.
            cursor.Lifecycle = await unit.Events.ReadRunLifecycleAsync(cursor.RunId, cancellationToken);
        }

        var events = new List<RunEvent>(rows.Count);
        foreach (var row in rows)
        {
            events.Add(new RunEvent(row, await cursor.StepKeyAsync(unit, row.StepId, cancellationToken), await cursor.AttemptNumberAsync(unit, row.AttemptId, cancellationToken), cursor.StateAt(row.Sequence)));
            if (IsRunTransition(row) && IsEnd(row) && !cursor.Lifecycle.Any(e => e.Sequence > row.Sequence))
            {
                return (events, true);
            }
        }

        return (events, false);
    }

    private async Task WaitAsync(RunEventCursor cursor, CancellationToken stop, CancellationToken caller)
    {
        try
        {
            await Task.Delay(_options.WatchPollInterval, _time, stop);
        }
        catch (OperationCanceledException) when (Stopping(caller))
        {
            throw new ServerStoppingException($"resume with after_sequence {cursor.Sequence}");
        }
    }

    // The server's shutdown, not the caller's own cancellation, ended the wait.
    private bool Stopping(CancellationToken caller) => _lifetime.ApplicationStopping.IsCancellationRequested && !caller.IsCancellationRequested;

    private static bool IsRunTransition(EventRecord row) => row.Entity == "run" && row.ToState is not null;

    private static bool IsEnd(EventRecord row) => RunStateMachine.IsTerminal(EnumText.Parse<RunState>(row.ToState!));
}
