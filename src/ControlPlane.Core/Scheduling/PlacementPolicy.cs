using ControlPlane.Core.Runners;
using ControlPlane.Core.Steps;
using ControlPlane.Core.Workflows;

namespace ControlPlane.Core.Scheduling;

/// <summary>
/// Matches ready steps to runners: a step goes only to a runner that is connected, not draining, has all its labels
/// and a free slot. Higher priority first; within a priority, workflows take turns (round-robin, one placement per
/// workflow per round) and each workflow's steps go first come, first served.
/// </summary>
/// <remarks>
/// Taking turns means one workflow with a hundred ready steps cannot starve another with one. The turn order
/// continues across calls from <c>lastServed</c>, so the workflow served last goes to the back. A step that cannot be
/// placed does not block the steps behind it (a gpu step waiting for a gpu runner leaves the others alone); it gets a
/// pending reason instead. Among the runners that fit, the one with the most free slots gets the step, spreading work,
/// except that a runner that just rejected the step or let its offer expire is only used when no other fits.
/// </remarks>
public static class PlacementPolicy
{
    /// <param name="candidates">Ready steps in dispatch order (priority, then FIFO).</param>
    /// <param name="activeExpansions">Offered and running expansions per matrix group.</param>
    /// <param name="lastServed">The workflow that got the last placement of the previous call, if any.</param>
    public static PlacementPlan Place(
        IReadOnlyList<PlacementCandidate> candidates,
        IReadOnlyList<RunnerAvailability> runners,
        IReadOnlyDictionary<MatrixGroupKey, int> activeExpansions,
        WorkflowId? lastServed)
    {
        var free = runners.ToDictionary(r => r.RunnerId, r => r.FreeSlots);
        var active = new Dictionary<MatrixGroupKey, int>(activeExpansions);
        var placements = new List<StepPlacement>();
        var reasons = new Dictionary<StepId, string>();
        var cursor = lastServed;
        foreach (var level in candidates.GroupBy(c => c.Priority).OrderByDescending(g => g.Key))
        {
            var queues = level.GroupBy(c => c.WorkflowId).ToDictionary(g => g.Key, g => new Queue<PlacementCandidate>(g));
            var turns = TurnOrder(queues.Keys, cursor);
            while (queues.Count > 0)
            {
                foreach (var workflow in turns.Where(queues.ContainsKey))
                {
                    var queue = queues[workflow];
                    while (queue.TryDequeue(out var candidate))
                    {
                        if (TryPick(candidate, runners, free, active) is { } runner)
                        {
                            placements.Add(new StepPlacement(candidate.StepId, runner));
                            cursor = workflow;
                            break;
                        }

                        reasons[candidate.StepId] = WhyWaiting(candidate, runners, active);
                    }

                    if (queue.Count == 0)
                    {
                        queues.Remove(workflow);
                    }
                }
            }
        }

        return new PlacementPlan(placements, reasons, cursor);
    }

    private static List<WorkflowId> TurnOrder(IEnumerable<WorkflowId> workflows, WorkflowId? lastServed)
    {
        var sorted = workflows.OrderBy(w => w.Value).ToList();
        var next = lastServed is { } last ? sorted.FindIndex(w => w.Value > last.Value) : 0;
        return next <= 0 ? sorted : [.. sorted.Skip(next), .. sorted.Take(next)];
    }

    private static RunnerId? TryPick(PlacementCandidate candidate, IReadOnlyList<RunnerAvailability> runners, Dictionary<RunnerId, int> free, Dictionary<MatrixGroupKey, int> active)
    {
        if (AtMatrixLimit(candidate, active))
        {
            return null;
        }

        var chosen = runners
            .Where(r => !r.Draining && free[r.RunnerId] > 0 && r.HasLabels(candidate.Labels))
            .OrderBy(r => r.RunnerId == candidate.Avoid)
            .ThenByDescending(r => free[r.RunnerId])
            .ThenBy(r => r.RunnerId.Value)
            .FirstOrDefault();
        if (chosen is null)
        {
            return null;
        }

        free[chosen.RunnerId]--;
        if (candidate.MatrixGroup is { } group)
        {
            active[group] = active.GetValueOrDefault(group) + 1;
        }

        return chosen.RunnerId;
    }

    private static bool AtMatrixLimit(PlacementCandidate candidate, Dictionary<MatrixGroupKey, int> active) =>
        candidate is { MatrixGroup: { } group, MaxParallel: { } limit } && active.GetValueOrDefault(group) >= limit;

    private static string WhyWaiting(PlacementCandidate candidate, IReadOnlyList<RunnerAvailability> runners, Dictionary<MatrixGroupKey, int> active)
    {
        if (AtMatrixLimit(candidate, active))
        {
            return PendingReasons.MaxParallel(candidate.MaxParallel!.Value, candidate.MatrixGroup!.Value.StepId);
        }

        var matching = runners.Where(r => r.HasLabels(candidate.Labels)).ToList();
        var available = matching.Count(r => !r.Draining);
        return matching.Count == 0 ? PendingReasons.NoMatchingRunner(candidate.Labels)
            : available == 0 ? PendingReasons.AllDraining(matching.Count)
            : PendingReasons.AllSlotsBusy(available);
    }
}
