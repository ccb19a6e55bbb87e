using System.Globalization;
using ControlPlane.Core.Storage;

namespace ControlPlane.Server.Notifications;

/// <summary>
/// Decides which alert rules hold. RunFailed and SuccessRateBelow are checked when a run ends (from the event log);
/// DurationAboveMedian by a periodic look at running runs. Whether an alert is then sent (once per window) is the
/// store's decision, made in the feeder's write.
/// </summary>
internal sealed class AlertEvaluator
{
    private readonly AlertOptions _options;
    private readonly TimeProvider _time;

    public AlertEvaluator(AlertOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
    }

    public bool HasDurationRules => _options.Rules.Any(r => r.Kind == AlertKind.DurationAboveMedian);

    /// <summary>The rules that held when <paramref name="notice"/>'s run ended, at <paramref name="endedAt"/>.</summary>
    /// <remarks>Rates count runs that had ended by then, so a feeder catching up judges each end as it happened.</remarks>
    public async Task<IReadOnlyList<AlertCandidate>> OnRunEndedAsync(IUnitOfWork unit, RunNotice notice, DateTimeOffset endedAt, CancellationToken cancellationToken)
    {
        var candidates = new List<AlertCandidate>();
        foreach (var rule in _options.Rules.Where(r => Applies(r, notice.Workflow)))
        {
            if (rule.Kind == AlertKind.RunFailed && notice.Event == "run.failed")
            {
                var at = notice.FailingStep is { } step ? $" at step {step.Id}" : "";
                candidates.Add(new AlertCandidate(notice.Workflow, new AlertNotice(rule, notice.Workflow, $"run {notice.Run.Id} of {notice.Workflow} failed{at}", notice)));
            }
            else if (rule.Kind == AlertKind.SuccessRateBelow && notice.Event is "run.failed" or "run.succeeded")
            {
                var stats = await unit.Notifications.RunStatsAsync(notice.Run.WorkflowId, endedAt - rule.Window, endedAt, cancellationToken);
                if (stats.Decided >= rule.MinRuns && stats.SuccessRate < rule.Threshold)
                {
                    var message = string.Create(
                        CultureInfo.InvariantCulture,
                        $"success rate of {notice.Workflow} is {stats.SuccessRate * 100:0.#}% ({stats.Succeeded} of {stats.Decided} runs) over {DurationText.Format(rule.Window)}, under {rule.Threshold * 100:0.#}%");
                    candidates.Add(new AlertCandidate(notice.Workflow, new AlertNotice(rule, notice.Workflow, message, notice)));
                }
            }
        }

        return candidates;
    }

    /// <summary>Running runs that have taken longer than their rule's multiple of the workflow's median.</summary>
    public async Task<IReadOnlyList<AlertCandidate>> CheckDurationsAsync(IUnitOfWork unit, NoticeReader reader, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var candidates = new List<AlertCandidate>();
        var rules = _options.Rules.Where(r => r.Kind == AlertKind.DurationAboveMedian).ToList();
        foreach (var run in await unit.Notifications.ListRunningStartedBeforeAsync(now, cancellationToken))
        {
            var workflow = await reader.WorkflowNameAsync(unit, run.WorkflowId, cancellationToken);
            var elapsed = now - run.StartedAt!.Value;
            foreach (var rule in rules.Where(r => Applies(r, workflow)))
            {
                var durations = await unit.Notifications.RecentSucceededDurationsAsync(run.WorkflowId, _options.MedianSample, cancellationToken);
                if (durations.Count < rule.MinRuns || Median(durations) is not { } median || elapsed <= median * rule.Multiple)
                {
                    continue;
                }

                var message = string.Create(
                    CultureInfo.InvariantCulture,
                    $"run {run.Id} of {workflow} has been running for {DurationText.Format(elapsed)}, over {rule.Multiple}x the median of {DurationText.Format(median)}");
                var notice = new RunNotice("run.running", run, workflow, "running", run.RevisionId.Value, null, null, null);
                candidates.Add(new AlertCandidate(workflow, new AlertNotice(rule, workflow, message, notice)));
            }
        }

        return candidates;
    }

    /// <summary>The middle value (the mean of the two middle ones for an even count).</summary>
    public static TimeSpan? Median(IReadOnlyList<TimeSpan> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static bool Applies(AlertRuleOptions rule, string workflow) => string.IsNullOrEmpty(rule.Workflow) || rule.Workflow == workflow;
}
