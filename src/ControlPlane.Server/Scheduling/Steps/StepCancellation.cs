using ControlPlane.Core.Attempts;
using ControlPlane.Core.Steps;
using ControlPlane.Core.Storage;
using ControlPlane.Server.Scheduling.Runners;
using Microsoft.Extensions.Options;

namespace ControlPlane.Server.Scheduling.Steps;

/// <summary>
/// Cancels steps in whatever state they are. A step without an attempt is cancelled outright; an offered or running
/// attempt is also ended in the store and its runner is sent a <see cref="CancelCommand"/> (after the commit).
/// </summary>
internal sealed class StepCancellation
{
    private readonly SchedulerOptions _options;
    private readonly TimeProvider _time;

    public StepCancellation(IOptions<SchedulerOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
    }

    /// <summary>Ends the step now (fail_fast, run timeout): a running attempt is cancelled in the store, so whatever its
    /// runner reports later is refused.</summary>
    /// <returns>The number of transitions made.</returns>
    public Task<int> CancelNowAsync(IUnitOfWork unit, StepRecord step, string outcome, CommandOutbox outbox, CancellationToken cancellationToken) =>
        CancelAsync(unit, step, outcome, outbox, waitForRunner: false, cancellationToken);

    /// <summary>
    /// For a run being cancelled: like <see cref="CancelNowAsync"/>, except that a running attempt is only told to stop.
    /// Its step finishes when the runner reports (or its lease lapses: heartbeats no longer extend it).
    /// </summary>
    public Task<int> RequestCancelAsync(IUnitOfWork unit, StepRecord step, string outcome, CommandOutbox outbox, CancellationToken cancellationToken) =>
        CancelAsync(unit, step, outcome, outbox, waitForRunner: true, cancellationToken);

    private async Task<int> CancelAsync(IUnitOfWork unit, StepRecord step, string outcome, CommandOutbox outbox, bool waitForRunner, CancellationToken cancellationToken)
    {
        if (StepStateMachine.IsTerminal(step.State))
        {
            return 0;
        }

        var details = new StepTransitionDetails { Outcome = outcome };
        if (!StepStateMachine.IsActive(step.State))
        {
            await unit.Steps.TransitionAsync(step.Id, StepTrigger.Cancel, step.State, details, cancellationToken);
            return 1;
        }

        var attempts = await unit.Attempts.ListByStepAsync(step.Id, cancellationToken);
        var attempt = attempts.Last(a => AttemptStateMachine.IsLive(a.State));
        outbox.Send(attempt.RunnerId, new CancelCommand(attempt.Id, attempt.LeaseEpoch, _options.CancelGrace, outcome) { WorkStarted = attempt.State == AttemptState.Running });
        if (waitForRunner && attempt.State == AttemptState.Running)
        {
            // The runner escalates SIGINT, then SIGTERM, each with the grace, before SIGKILL: its lease must outlast
            // that (heartbeats no longer extend it), or a stubborn step would end as lost instead of cancelled.
            var stopBy = _time.GetUtcNow() + (_options.CancelGrace * 2) + _options.RunnerLostTimeout;
            if (attempt.LeaseExpiresAt is null || attempt.LeaseExpiresAt < stopBy)
            {
                await unit.Attempts.ExtendLeaseAsync(attempt.Id, attempt.LeaseEpoch, stopBy, cancellationToken);
            }

            return 0;
        }

        await unit.Attempts.TransitionAsync(attempt.Id, attempt.LeaseEpoch, AttemptTrigger.Cancel, attempt.State, new AttemptTransitionDetails { Outcome = outcome }, cancellationToken);
        await unit.Steps.TransitionAsync(step.Id, StepTrigger.Cancel, step.State, details with { Attempt = attempt.Id }, cancellationToken);
        return 2;
    }
}
