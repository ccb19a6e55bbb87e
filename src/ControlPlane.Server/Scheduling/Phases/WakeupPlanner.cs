using ControlPlane.Core.Attempts;
using ControlPlane.Core.Runners;
using ControlPlane.Server.Scheduling.Runners;
using Microsoft.Extensions.Options;

namespace ControlPlane.Server.Scheduling.Phases;

/// <summary>
/// The earliest moment something becomes due by the clock alone: an offer deadline or lease expiry, a step timeout, a
/// retry's not_before, a run deadline, a runner's heartbeat deadline. All of them are read from the store, so the
/// timers survive a restart; the loop sleeps until then unless signalled first. The one in memory: the end of a
/// runner's pause in offers after a reject (a restart ends every pause anyway).
/// </summary>
internal sealed class WakeupPlanner
{
    // Lease expiry and overdue heartbeats are compared strictly (expired *before* now), so they are due a tick later.
    private static readonly TimeSpan JustAfter = TimeSpan.FromMilliseconds(1);

    private readonly SpecCache _specs;
    private readonly RunnerRegistry _registry;
    private readonly SchedulerOptions _options;

    public WakeupPlanner(SpecCache specs, RunnerRegistry registry, IOptions<SchedulerOptions> options)
    {
        _specs = specs;
        _registry = registry;
        _options = options.Value;
    }

    public async Task<DateTimeOffset?> NextDueAsync(TickContext tick, CancellationToken cancellationToken)
    {
        var unit = tick.Unit;
        var due = new List<DateTimeOffset>();
        foreach (var attempt in await unit.Attempts.ListLiveAsync(cancellationToken))
        {
            if (attempt.LeaseExpiresAt is { } expiry)
            {
                due.Add(expiry + JustAfter);
            }

            if (attempt is { State: AttemptState.Running, StartedAt: { } started })
            {
                due.Add(started + (await _specs.StepAsync(unit, attempt.StepId, cancellationToken)).Timeout);
            }
        }

        if ((await unit.Steps.ListRetryDueAsync(DateTimeOffset.MaxValue, 1, cancellationToken)) is [{ NotBefore: { } notBefore }])
        {
            due.Add(notBefore);
        }

        if ((await unit.Runs.ListPastDeadlineAsync(DateTimeOffset.MaxValue, cancellationToken)) is [{ DeadlineAt: { } deadline }, ..])
        {
            due.Add(deadline);
        }

        foreach (var runner in await unit.Runners.ListAsync(cancellationToken))
        {
            if (runner is { State: RunnerState.Online, LastHeartbeatAt: { } heartbeat })
            {
                due.Add(heartbeat + _options.RunnerLostTimeout + JustAfter);
            }
        }

        foreach (var session in _registry.Snapshot())
        {
            if (session.OffersPausedUntil > tick.Now)
            {
                due.Add(session.OffersPausedUntil);
            }
        }

        return due.Count == 0 ? null : due.Min();
    }
}
