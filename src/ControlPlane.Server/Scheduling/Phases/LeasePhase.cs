using ControlPlane.Core.Attempts;
using ControlPlane.Core.Runners;
using ControlPlane.Core.Steps;
using ControlPlane.Server.Scheduling.Steps;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ControlPlane.Server.Scheduling.Phases;

/// <summary>
/// Expired leases. An offered attempt's lease is its offer deadline: when it lapses the offer expired, and the step goes
/// back to the queue (no retry spent) for another runner. A running attempt's lease is renewed by heartbeats: when it
/// lapses the runner is presumed lost, the attempt is lost and the step's retry policy decides (a lost runner is
/// retried once by default). Revoking a lease moves the epoch on, so the former holder's reports are refused.
/// Runners whose heartbeats stopped are marked lost and their sessions closed.
/// </summary>
internal sealed class LeasePhase
{
    private readonly StepFailures _failures;
    private readonly SchedulerOptions _options;
    private readonly ILogger _logger;

    public LeasePhase(StepFailures failures, IOptions<SchedulerOptions> options, ILogger<Scheduler> logger)
    {
        _failures = failures;
        _options = options.Value;
        _logger = logger;
    }

    public async Task RunAsync(TickContext tick, CancellationToken cancellationToken)
    {
        var unit = tick.Unit;
        var expired = await unit.Attempts.ListExpiredLeasesAsync(tick.Now, tick.RemainingBudget + 1, cancellationToken);
        foreach (var attempt in expired)
        {
            if (!tick.HasBudget)
            {
                tick.Truncated = true;
                break;
            }

            if (attempt.State == AttemptState.Offered)
            {
                await unit.Attempts.TransitionAsync(attempt.Id, attempt.LeaseEpoch, AttemptTrigger.OfferExpired, AttemptState.Offered, new AttemptTransitionDetails { Outcome = "offer expired" }, cancellationToken);
                await unit.Steps.TransitionAsync(attempt.StepId, StepTrigger.OfferExpired, StepState.Offered, new StepTransitionDetails { Attempt = attempt.Id }, cancellationToken);
                SchedulerLog.OfferExpired(_logger, attempt.RunId.Value, attempt.StepId.Value, attempt.RunnerId.Value, attempt.Number);
            }
            else
            {
                var lost = await unit.Attempts.TransitionAsync(
                    attempt.Id,
                    attempt.LeaseEpoch,
                    AttemptTrigger.LeaseLost,
                    AttemptState.Running,
                    new AttemptTransitionDetails { FailureClass = FailureClass.RunnerLost, Outcome = "runner lost: its lease expired" },
                    cancellationToken);
                await _failures.HandleAsync(unit, lost, FailureClass.RunnerLost, null, "runner lost", cancellationToken);
                SchedulerLog.LeaseLost(_logger, attempt.RunId.Value, attempt.StepId.Value, attempt.RunnerId.Value, attempt.Number);
                tick.MarkChanged(attempt.RunId);
            }

            tick.Decided(2);
        }

        foreach (var runner in await unit.Runners.ListHeartbeatOverdueAsync(tick.Now - _options.RunnerLostTimeout, cancellationToken))
        {
            await unit.Runners.TransitionAsync(runner.Id, RunnerTrigger.HeartbeatsMissed, RunnerState.Online, cancellationToken);
            tick.Outbox.CloseSession(runner.Id);
            tick.Decided();
            SchedulerLog.RunnerLost(_logger, runner.Id.Value);
        }
    }
}
