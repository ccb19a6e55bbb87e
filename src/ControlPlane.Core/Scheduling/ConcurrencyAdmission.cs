using ControlPlane.Core.Definitions;
using ControlPlane.Core.Runs;

namespace ControlPlane.Core.Scheduling;

/// <summary>
/// Admits queued runs under their workflow's <c>concurrency</c>: at most <c>limit</c> runs per key are running or
/// cancelling at once. Runs without a key start at once.
/// </summary>
/// <remarks>
/// <para><c>queue</c>: newer runs wait, first come first served within their priority, until a run holding the key
/// finishes; a cancelling run still holds its slot until it has stopped.</para>
/// <para><c>cancel_older</c>: the newest <c>limit</c> runs start at once, older queued runs are cancelled before they
/// start, and the oldest running runs are cancelled so that no more than <c>limit</c> are left running. Cancelling
/// runs do not count: they are already on their way out.</para>
/// </remarks>
public static class ConcurrencyAdmission
{
    /// <param name="queued">Queued runs in admission order (priority, then age).</param>
    /// <param name="active">Running and cancelling runs that hold a key.</param>
    public static AdmissionPlan Decide(IReadOnlyList<QueuedRun> queued, IReadOnlyList<ActiveRun> active)
    {
        var start = new List<RunId>();
        var waiting = new Dictionary<RunId, string>();
        var cancelQueued = new List<RunId>();
        var cancelActive = new List<RunId>();
        foreach (var group in queued.GroupBy(r => r.Policy is null ? null : r.ConcurrencyKey))
        {
            if (group.Key is null)
            {
                start.AddRange(group.Select(r => r.Id));
                continue;
            }

            var runs = group.ToList();
            var policy = runs[0].Policy!;
            var holders = active.Where(a => a.ConcurrencyKey == group.Key).ToList();
            if (policy.OnConflict == ConflictBehavior.Queue)
            {
                var free = policy.Limit - holders.Count;
                foreach (var run in runs)
                {
                    if (free-- > 0)
                    {
                        start.Add(run.Id);
                    }
                    else
                    {
                        waiting[run.Id] = PendingReasons.ConcurrencyKey(group.Key);
                    }
                }

                continue;
            }

            var newest = runs.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id.Value).Take(policy.Limit).ToList();
            start.AddRange(runs.Where(newest.Contains).Select(r => r.Id));
            cancelQueued.AddRange(runs.Where(r => !newest.Contains(r)).Select(r => r.Id));
            var running = holders.Where(h => !h.Cancelling).OrderByDescending(h => h.CreatedAt).ThenByDescending(h => h.Id.Value).ToList();
            cancelActive.AddRange(running.Skip(Math.Max(0, policy.Limit - newest.Count)).Reverse().Select(h => h.Id));
        }

        return new AdmissionPlan(start, waiting, cancelQueued, cancelActive);
    }
}
