using System.Text.Json;
using ControlPlane.Core.Runs;
using ControlPlane.Core.Scheduling;
using ControlPlane.Core.Steps;
using ControlPlane.Core.Storage;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Server.Scheduling.Runs;

/// <summary>
/// RetryRun: a finished run goes back to queued as its next run attempt, and the steps <see cref="RetryScope"/> picks
/// go back to pending, all in one transaction with a transition (and event) each. The dispatch loop then admits the
/// run like a new one and its steps progress as usual: the kept successes count as met needs, and their outputs stay.
/// </summary>
/// <remarks>
/// A reset step keeps its attempts; its next attempt takes the next number (the store numbers attempts per step), and
/// its lease epoch keeps growing, so a late report from an attempt of the previous run attempt is refused as stale.
/// Its retry policy counts only the attempts of the new run attempt (see <see cref="ResetMarker"/>).
/// </remarks>
public sealed class RunRetrier
{
    private readonly IStore _store;
    private readonly SchedulerSignal _signal;
    private readonly ILogger<RunRetrier> _logger;

    public RunRetrier(IStore store, SchedulerSignal signal, ILogger<RunRetrier> logger)
    {
        _store = store;
        _signal = signal;
        _logger = logger;
    }

    /// <returns>The run as it is now: queued, its run attempt one higher.</returns>
    /// <exception cref="EntityNotFoundException">No such run.</exception>
    /// <exception cref="RunNotRetryableException">The run has not finished, or succeeded and <paramref name="allSteps"/> is false.</exception>
    /// <exception cref="StateConflictException">The run changed while being retried (e.g. a concurrent retry).</exception>
    public async Task<RunRecord> RetryAsync(RunId runId, bool allSteps, CancellationToken cancellationToken)
    {
        RunRecord retried;
        int reset;
        int total;
        await using (var unit = await _store.BeginAsync(cancellationToken))
        {
            var run = await unit.Runs.GetAsync(runId, cancellationToken);
            if (!RetryScope.CanRetry(run.State, allSteps))
            {
                throw new RunNotRetryableException(runId, run.State);
            }

            var steps = await unit.Steps.ListByRunAsync(runId, cancellationToken);
            var keys = RetryScope.StepsToReset(steps, allSteps);
            var data = JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["run_attempt"] = run.RunAttempt + 1,
                ["all_steps"] = allSteps,
                ["reset"] = keys,
            });
            retried = await unit.Runs.TransitionAsync(runId, RunTrigger.Retry, run.State, data, cancellationToken);
            foreach (var step in steps.Where(s => keys.Contains(s.Key)))
            {
                var attempts = await unit.Attempts.ListByStepAsync(step.Id, cancellationToken);
                var stepData = ResetMarker.Data(retried.RunAttempt, attempts.Count == 0 ? 0 : attempts.Max(a => a.Number));

                // No pending reason: a reason left from the previous attempt would describe a wait that is over.
                var details = new StepTransitionDetails { EventDataJson = stepData };
                await unit.Steps.TransitionAsync(step.Id, StepTrigger.Reset, step.State, details, cancellationToken);
            }

            await unit.CommitAsync(cancellationToken);
            (reset, total) = (keys.Count, steps.Count);
        }

        _signal.RunChanged(runId);
        RetryLog.RunRetried(_logger, runId.Value, retried.RunAttempt, reset, total, allSteps);
        return retried;
    }
}
