using ControlPlane.Core.Runs;
using ControlPlane.Core.Steps;
using ControlPlane.Core.Storage;
using ControlPlane.Server.Scheduling.Runners;
using Microsoft.Extensions.Options;

namespace ControlPlane.Server.Metrics;

/// <summary>
/// Reads the gauges' values from the store and the runner registry, and tails the event log for committed run and step
/// transitions. A read serves every caller for <see cref="MetricsOptions.SnapshotMaxAge"/>, and concurrent callers
/// share one read, so a scrape storm cannot hammer SQLite.
/// </summary>
/// <remarks>
/// Transitions are counted from the event log rather than where the scheduler makes them: every code path that moves
/// a run or step writes its event in the same transaction, so each committed transition is counted exactly once and a
/// rolled-back one never. Started as a hosted service so the tail begins at the server's start.
/// </remarks>
public sealed partial class MetricsSnapshotSource : IHostedService, IDisposable
{
    private const int EventBatch = 5000;

    private readonly IStore _store;
    private readonly RunnerRegistry _runners;
    private readonly TimeProvider _time;
    private readonly MetricsOptions _options;
    private readonly ILogger<MetricsSnapshotSource> _logger;
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private volatile MetricsSnapshot _current = MetricsSnapshot.Empty;
    private long _afterSequence = -1;

    public MetricsSnapshotSource(IStore store, RunnerRegistry runners, TimeProvider time, IOptions<MetricsOptions> options, ILogger<MetricsSnapshotSource> logger)
    {
        _store = store;
        _runners = runners;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>
    /// The latest snapshot without waiting, for the synchronous instrument callbacks. When it is stale a refresh starts
    /// in the background, so an exporter that never awaits <see cref="GetAsync"/> (OTLP) still sees fresh values.
    /// </summary>
    public MetricsSnapshot Current
    {
        get
        {
            var current = _current;
            if (IsStale(current) && _refreshing.CurrentCount > 0)
            {
                _ = RefreshInBackgroundAsync();
            }

            return current;
        }
    }

    /// <summary>A snapshot no older than <see cref="MetricsOptions.SnapshotMaxAge"/>, reading the store if needed.</summary>
    public async Task<MetricsSnapshot> GetAsync(CancellationToken cancellationToken)
    {
        if (!IsStale(_current))
        {
            return _current;
        }

        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            if (IsStale(_current))
            {
                _current = await ReadAsync(cancellationToken);
            }

            return _current;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    /// <summary>Takes the event log's current end as the start of the transition counts.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var unit = await _store.BeginReadAsync(cancellationToken);
        Interlocked.CompareExchange(ref _afterSequence, await unit.Events.LatestSequenceAsync(cancellationToken), -1);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _refreshing.Dispose();

    private bool IsStale(MetricsSnapshot snapshot) => _time.GetUtcNow() - snapshot.TakenAt >= _options.SnapshotMaxAge;

    private async Task RefreshInBackgroundAsync()
    {
        try
        {
            await GetAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is StoreException or ObjectDisposedException)
        {
            MetricsLog.SnapshotFailed(_logger, e.Message);
        }
    }

    private async Task<MetricsSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        var sessions = _runners.Snapshot();
        await using var unit = await _store.BeginReadAsync(cancellationToken);
        var now = _time.GetUtcNow();
        var runs = await unit.Statistics.CountRunsByStateAsync(cancellationToken);
        var steps = await unit.Statistics.CountLiveStepsByStateAsync(cancellationToken);
        var queue = await unit.Statistics.ReadReadyQueueAsync(cancellationToken);
        var held = await unit.Statistics.CountLiveAttemptsByRunnerAsync(cancellationToken);
        var (transitions, lastSequence) = await TailAsync(unit, _current.Transitions, cancellationToken);
        var freeSlots = sessions.Where(s => !s.Draining).Sum(s => (long)Math.Max(0, s.Capacity - held.GetValueOrDefault(s.RunnerId)));
        var oldest = queue.OldestReadyAt is { } at && at < now ? now - at : TimeSpan.Zero;
        Interlocked.Exchange(ref _afterSequence, lastSequence);
        return new MetricsSnapshot(
            now,
            Enum.GetValues<RunState>().ToDictionary(s => s, s => runs.GetValueOrDefault(s)),
            Enum.GetValues<StepState>().ToDictionary(s => s, s => steps.GetValueOrDefault(s)),
            queue.Depth,
            oldest,
            sessions.Count,
            freeSlots,
            transitions);
    }

    /// <summary>Adds the transitions after the last sequence read; the caller stores the new sequence once all succeeded.</summary>
    private async Task<(TransitionTotals Totals, long LastSequence)> TailAsync(IUnitOfWork unit, TransitionTotals totals, CancellationToken cancellationToken)
    {
        var after = Interlocked.Read(ref _afterSequence);
        if (after < 0)
        {
            return (totals, after);
        }

        while (true)
        {
            var events = await unit.Events.ReadAfterAsync(after, EventBatch, cancellationToken);
            if (events.Count == 0)
            {
                return (totals, after);
            }

            totals = totals.Add(events);
            after = events[^1].Sequence;
        }
    }
}
