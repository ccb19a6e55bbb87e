using ControlPlane.Core.Attempts;
using ControlPlane.Core.Scheduling;
using ControlPlane.Core.Steps;
using ControlPlane.Core.Workflows;
using ControlPlane.Server.Scheduling.Runners;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ControlPlane.Server.Scheduling.Phases;

/// <summary>
/// Offers ready steps to connected runners (<see cref="PlacementPolicy"/>). Each offer creates the attempt and its lease
/// (a new epoch, expiring at the offer deadline) and moves the step to offered, in the tick's transaction; the offer
/// itself is sent only after that commits. Steps left waiting get their pending reason.
/// </summary>
internal sealed class DispatchPhase
{
    private readonly RunnerRegistry _registry;
    private readonly SpecCache _specs;
    private readonly SchedulerFaults _faults;
    private readonly SchedulerOptions _options;
    private readonly ILogger _logger;

    // The workflow served last, so the next tick's turns start after it. Memory only: after a restart turns start over.
    private WorkflowId? _lastServed;

    public DispatchPhase(RunnerRegistry registry, SpecCache specs, SchedulerFaults faults, IOptions<SchedulerOptions> options, ILogger<Scheduler> logger)
    {
        _registry = registry;
        _specs = specs;
        _faults = faults;
        _options = options.Value;
        _logger = logger;
    }

    public async Task RunAsync(TickContext tick, CancellationToken cancellationToken)
    {
        var unit = tick.Unit;
        var ready = await unit.Steps.ListReadyPerWorkflowAsync(_options.MaxDecisionsPerTick, cancellationToken);
        if (ready.Count == 0)
        {
            return;
        }

        var live = await unit.Attempts.ListLiveAsync(cancellationToken);
        var liveByRunner = live.GroupBy(a => a.RunnerId).ToDictionary(g => g.Key, g => g.Select(a => a.Id).ToHashSet());
        var runners = _registry.Snapshot()
            .Where(s => !tick.Outbox.IsClosing(s.RunnerId))
            .Select(s => new RunnerAvailability(s.RunnerId, s.Labels, FreeSlots(s, liveByRunner.GetValueOrDefault(s.RunnerId), tick), s.Draining))
            .ToList();
        var candidates = new List<PlacementCandidate>(ready.Count);
        foreach (var step in ready)
        {
            candidates.Add(await CandidateAsync(tick, step, cancellationToken));
        }

        var plan = PlacementPolicy.Place(candidates, runners, await ActiveExpansionsAsync(tick, live, cancellationToken), _lastServed);
        _lastServed = plan.LastServed;

        var steps = ready.ToDictionary(r => r.Step.Id, r => r.Step);
        foreach (var placement in plan.Placements)
        {
            if (!tick.HasBudget)
            {
                tick.Truncated = true;
                break;
            }

            await OfferAsync(tick, steps[placement.StepId], placement, cancellationToken);
        }

        foreach (var (stepId, reason) in plan.PendingReasons)
        {
            if (steps[stepId].PendingReason != reason)
            {
                await unit.Steps.SetPendingReasonAsync(stepId, reason, cancellationToken);
            }
        }
    }

    // A slot is busy while its attempt is live in the store or the runner is still stopping it (a timed-out or
    // cancelled attempt the server ended but the runner has not reported gone): the runner would reject an offer for
    // it; that includes cancels this very tick decided (sent once it commits). A runner paused after a reject has no
    // free slot until the pause ends (the wakeup planner wakes the loop then).
    private static int FreeSlots(RunnerSession session, HashSet<AttemptId>? live, TickContext tick)
    {
        if (session.OffersPausedUntil > tick.Now)
        {
            return 0;
        }

        var busy = live ?? [];
        busy.UnionWith(session.Stopping);
        busy.UnionWith(tick.Outbox.StoppingFor(session.RunnerId));
        return Math.Max(0, session.Capacity - busy.Count);
    }

    private async Task OfferAsync(TickContext tick, StepRecord step, StepPlacement placement, CancellationToken cancellationToken)
    {
        var acceptBy = tick.Now + _options.OfferTimeout;
        var attempt = await tick.Unit.Attempts.OfferAsync(new NewAttempt(step.Id, placement.RunnerId, acceptBy), cancellationToken);
        await _faults.AtAsync(SchedulerFaultPoint.AfterAttemptCreated);
        await tick.Unit.Steps.TransitionAsync(step.Id, StepTrigger.Offer, StepState.Ready, new StepTransitionDetails { Attempt = attempt.Id }, cancellationToken);
        tick.Outbox.Send(placement.RunnerId, new OfferCommand(attempt.Id, attempt.LeaseEpoch, step.RunId, step.Id, step.Key, attempt.Number, step.SpecJson, acceptBy, placement.RunnerId));
        tick.Decided(2);
        SchedulerLog.StepOffered(_logger, step.RunId.Value, step.Id.Value, placement.RunnerId.Value, attempt.Number, attempt.LeaseEpoch);
    }

    private async Task<PlacementCandidate> CandidateAsync(TickContext tick, ReadyStep ready, CancellationToken cancellationToken)
    {
        var spec = _specs.Step(ready.Step);

        // A step with a lease epoch has been offered before; if that offer came back unused, try someone else first.
        var previous = ready.Step.LeaseEpoch > 0 ? (await tick.Unit.Attempts.ListByStepAsync(ready.Step.Id, cancellationToken))[^1] : null;
        var avoid = previous is not null && !AttemptHistory.Counts(previous) ? previous.RunnerId : (Core.Runners.RunnerId?)null;
        var limited = spec.Strategy is { MaxParallel: not null };
        return new PlacementCandidate(
            ready.Step.Id,
            ready.Step.RunId,
            ready.WorkflowId,
            ready.Priority,
            spec.RunsOn,
            limited ? new MatrixGroupKey(ready.Step.RunId, spec.StepId) : null,
            spec.Strategy?.MaxParallel,
            avoid);
    }

    private async Task<Dictionary<MatrixGroupKey, int>> ActiveExpansionsAsync(TickContext tick, IReadOnlyList<AttemptRecord> live, CancellationToken cancellationToken)
    {
        var active = new Dictionary<MatrixGroupKey, int>();
        foreach (var attempt in live)
        {
            var spec = await _specs.StepAsync(tick.Unit, attempt.StepId, cancellationToken);
            if (spec.Strategy is { MaxParallel: not null })
            {
                var group = new MatrixGroupKey(attempt.RunId, spec.StepId);
                active[group] = active.GetValueOrDefault(group) + 1;
            }
        }

        return active;
    }
}
