using ControlPlane.Core.Runs;
using ControlPlane.Core.Statistics;
using ControlPlane.Core.Storage;
using ControlPlane.Server.Scheduling.Runs;

namespace ControlPlane.Server.Stats;

/// <summary>Computes <see cref="RunStats"/> over the runs created in a window, in one read snapshot.</summary>
public sealed class RunStatsQuery
{
    /// <summary>The window when none is asked for.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(7);

    private readonly IStore _store;
    private readonly TimeProvider _time;

    public RunStatsQuery(IStore store, TimeProvider time)
    {
        _store = store;
        _time = time;
    }

    /// <param name="workflowName">Only runs of this workflow; null for all.</param>
    /// <exception cref="WorkflowNotFoundException">No workflow of that name was applied.</exception>
    public async Task<RunStats> GetAsync(string? workflowName, TimeSpan window, CancellationToken cancellationToken)
    {
        var since = _time.GetUtcNow() - window;
        await using var unit = await _store.BeginReadAsync(cancellationToken);
        if (workflowName is not null && await unit.Workflows.FindByNameAsync(workflowName, cancellationToken) is null)
        {
            throw new WorkflowNotFoundException(workflowName, "has not been applied");
        }

        var samples = await unit.Statistics.ListRunSamplesAsync(workflowName, since, cancellationToken);
        var failures = await unit.Statistics.CountStepFailuresAsync(workflowName, since, cancellationToken);
        var byState = Enum.GetValues<RunState>().ToDictionary(s => s, s => (long)samples.Count(r => r.State == s));
        var finished = byState[RunState.Succeeded] + byState[RunState.Failed] + byState[RunState.Cancelled];
        var durations = samples
            .Where(r => r.State is RunState.Succeeded or RunState.Failed or RunState.Cancelled && r.StartedAt is not null && r.FinishedAt is not null)
            .Select(r => r.FinishedAt!.Value - r.StartedAt!.Value)
            .Order()
            .ToList();
        return new RunStats(
            since,
            samples.Count,
            byState,
            finished,
            finished == 0 ? 0 : (double)byState[RunState.Succeeded] / finished,
            Percentile(durations, 0.50),
            Percentile(durations, 0.95),
            failures);
    }

    /// <summary>The nearest-rank percentile: the smallest value with at least <paramref name="quantile"/> of the values at or below it.</summary>
    public static TimeSpan? Percentile(IReadOnlyList<TimeSpan> sorted, double quantile)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            return null;
        }

        var rank = (int)Math.Ceiling(quantile * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}
