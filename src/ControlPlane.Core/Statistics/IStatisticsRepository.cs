using ControlPlane.Core.Runners;
using ControlPlane.Core.Runs;
using ControlPlane.Core.Steps;

namespace ControlPlane.Core.Statistics;

/// <summary>
/// Aggregate reads for metrics and run statistics. Every method is a read over indexed columns or over the live part
/// of the tables only, so a metrics scrape stays cheap however long the history grows. Safe in read units of work.
/// </summary>
public interface IStatisticsRepository
{
    /// <summary>How many runs are in each state; states without runs are absent.</summary>
    Task<IReadOnlyDictionary<RunState, long>> CountRunsByStateAsync(CancellationToken cancellationToken);

    /// <summary>How many steps of unfinished runs (queued, running, cancelling) are in each state.</summary>
    /// <remarks>Steps of finished runs are history: counting them would scan the whole table on every scrape.</remarks>
    Task<IReadOnlyDictionary<StepState, long>> CountLiveStepsByStateAsync(CancellationToken cancellationToken);

    /// <summary>The ready queue: how many steps wait for a runner and since when the oldest has waited.</summary>
    Task<ReadyQueueStatus> ReadReadyQueueAsync(CancellationToken cancellationToken);

    /// <summary>How many attempts each runner holds (offered or running).</summary>
    Task<IReadOnlyDictionary<RunnerId, int>> CountLiveAttemptsByRunnerAsync(CancellationToken cancellationToken);

    /// <summary>Every run created at or after <paramref name="since"/>, optionally of one workflow: state and times.</summary>
    Task<IReadOnlyList<RunSample>> ListRunSamplesAsync(string? workflowName, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Per step key, failed steps and failed attempts among the runs created at or after <paramref name="since"/>.</summary>
    /// <remarks>Only keys with at least one failure, most failures first.</remarks>
    Task<IReadOnlyList<StepFailureCount>> CountStepFailuresAsync(string? workflowName, DateTimeOffset since, CancellationToken cancellationToken);
}
