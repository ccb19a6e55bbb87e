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
        var cursor = new FeedCursor(runId, afterSequence);
        while (true)
        {
            var (events, ends) = await ReadAsync(cursor, stop.Token);
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

    private async Task<(IReadOnlyList<RunEvent> Events, bool Ends)> ReadAsync(FeedCursor cursor, CancellationToken cancellationToken)
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

    private async Task WaitAsync(FeedCursor cursor, CancellationToken stop, CancellationToken caller)
    {
        try
        {
            await Task.Delay(_options.WatchPollInterval, _time, stop);
        }
        catch (OperationCanceledException) when (_lifetime.ApplicationStopping.IsCancellationRequested && !caller.IsCancellationRequested)
        {
            throw new ServerStoppingException($"resume with after_sequence {cursor.Sequence}");
        }
    }

    private static bool IsRunTransition(EventRecord row) => row.Entity == "run" && row.ToState is not null;

    private static bool IsEnd(EventRecord row) => RunStateMachine.IsTerminal(EnumText.Parse<RunState>(row.ToState!));

    /// <summary>Where one watch stands, and what it has looked up so far.</summary>
    private sealed class FeedCursor(RunId runId, long sequence)
    {
        private readonly Dictionary<StepId, string> _stepKeys = [];
        private readonly Dictionary<AttemptId, int> _attemptNumbers = [];

        public RunId RunId { get; } = runId;

        /// <summary>The last sequence sent (or the one the client resumed after).</summary>
        public long Sequence { get; set; } = sequence;

        /// <summary>The run's own events, null until the first read.</summary>
        public IReadOnlyList<EventRecord>? Lifecycle { get; set; }

        /// <summary>The run's state once the event with this sequence had happened.</summary>
        public RunState StateAt(long sequence)
        {
            var state = RunState.Queued;
            foreach (var e in Lifecycle ?? [])
            {
                if (e.Sequence > sequence)
                {
                    break;
                }

                state = EnumText.Parse<RunState>(e.ToState!);
            }

            return state;
        }

        public async Task<string?> StepKeyAsync(IUnitOfWork unit, StepId? stepId, CancellationToken cancellationToken)
        {
            if (stepId is not { } id)
            {
                return null;
            }

            if (!_stepKeys.TryGetValue(id, out var key))
            {
                key = (await unit.Steps.GetAsync(id, cancellationToken)).Key;
                _stepKeys[id] = key;
            }

            return key;
        }

        public async Task<int?> AttemptNumberAsync(IUnitOfWork unit, AttemptId? attemptId, CancellationToken cancellationToken)
        {
            if (attemptId is not { } id)
            {
                return null;
            }

            if (!_attemptNumbers.TryGetValue(id, out var number))
            {
                number = (await unit.Attempts.GetAsync(id, cancellationToken)).Number;
                _attemptNumbers[id] = number;
            }

            return number;
        }
    }
}
