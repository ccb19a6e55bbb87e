using System.Text.Json;
using ControlPlane.Core.Attempts;
using ControlPlane.Core.Definitions;
using ControlPlane.Core.Runs;
using ControlPlane.Server.Scheduling.Runners;
using ControlPlane.Server.Scheduling.Steps;
using ControlPlane.Settings;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ControlPlane.Server.Scheduling.Phases;

/// <summary>
/// Deadlines the server enforces itself, whether or not the runner says anything. A run past its timeout fails and
/// its unfinished steps are cancelled. A running attempt past its step's timeout (counted from when it started) fails
/// with class timeout, its runner is told to stop, and the step's retry policy decides what follows.
/// </summary>
internal sealed class TimeoutPhase
{
    private readonly SpecCache _specs;
    private readonly StepFailures _failures;
    private readonly StepCancellation _cancellation;
    private readonly SchedulerOptions _options;
    private readonly ILogger _logger;

    public TimeoutPhase(SpecCache specs, StepFailures failures, StepCancellation cancellation, IOptions<SchedulerOptions> options, ILogger<Scheduler> logger)
    {
        _specs = specs;
        _failures = failures;
        _cancellation = cancellation;
        _options = options.Value;
        _logger = logger;
    }

    public async Task RunAsync(TickContext tick, CancellationToken cancellationToken)
    {
        await FailLateRunsAsync(tick, cancellationToken);
        await FailLateAttemptsAsync(tick, cancellationToken);
    }

    private async Task FailLateRunsAsync(TickContext tick, CancellationToken cancellationToken)
    {
        foreach (var run in await tick.Unit.Runs.ListPastDeadlineAsync(tick.Now, cancellationToken))
        {
            if (!tick.HasBudget)
            {
                tick.Truncated = true;
                return;
            }

            var reason = $"timed out after {DurationFormat.Format(run.Timeout ?? TimeSpan.Zero)}";
            await tick.Unit.Runs.TransitionAsync(run.Id, RunTrigger.Fail, RunState.Running, JsonSerializer.Serialize(new Dictionary<string, string> { ["reason"] = reason }), cancellationToken);
            var steps = await tick.Unit.Steps.ListByRunAsync(run.Id, cancellationToken);
            foreach (var step in steps)
            {
                tick.Decided(await _cancellation.CancelNowAsync(tick.Unit, step, "cancelled: the run " + reason, tick.Outbox, cancellationToken));
            }

            tick.Decided();
            tick.FinishedSteps.AddRange(steps.Select(s => s.Id));
            SchedulerLog.RunFinished(_logger, run.Id.Value, "failed", reason);
        }
    }

    private async Task FailLateAttemptsAsync(TickContext tick, CancellationToken cancellationToken)
    {
        foreach (var attempt in await tick.Unit.Attempts.ListLiveAsync(cancellationToken))
        {
            if (attempt is not { State: AttemptState.Running, StartedAt: { } started })
            {
                continue;
            }

            var timeout = (await _specs.StepAsync(tick.Unit, attempt.StepId, cancellationToken)).Timeout;
            if (started + timeout > tick.Now)
            {
                continue;
            }

            if (!tick.HasBudget)
            {
                tick.Truncated = true;
                return;
            }

            var outcome = $"timed out after {DurationFormat.Format(timeout)}";
            var failed = await tick.Unit.Attempts.TransitionAsync(
                attempt.Id,
                attempt.LeaseEpoch,
                AttemptTrigger.Fail,
                AttemptState.Running,
                new AttemptTransitionDetails { FailureClass = FailureClass.Timeout, Outcome = outcome },
                cancellationToken);
            tick.Outbox.Send(attempt.RunnerId, new CancelCommand(attempt.Id, attempt.LeaseEpoch, _options.CancelGrace, outcome) { WorkStarted = true });
            await _failures.HandleAsync(tick.Unit, failed, FailureClass.Timeout, null, outcome, cancellationToken);
            tick.Decided(2);
            tick.MarkChanged(attempt.RunId);
            SchedulerLog.StepTimedOut(_logger, attempt.RunId.Value, attempt.StepId.Value, attempt.RunnerId.Value, attempt.Number, timeout);
        }
    }
}
