using ControlPlane.Core.Workflows;

namespace ControlPlane.Core.Triggers;

/// <summary>The stored state of one schedule of a workflow: what it is and when it fires next.</summary>
/// <param name="Index">The schedule's position in the workflow's <c>on.schedule</c> list.</param>
/// <param name="Cron">The cron text as written.</param>
/// <param name="TimeZone">An IANA time zone id; <c>UTC</c> when the file names none.</param>
/// <param name="NextFireAt">When it fires next; null when the expression matches no future time.</param>
/// <param name="LastFiredAt">The fire time of the last run it started (or skipped); null before the first.</param>
public sealed record ScheduleRecord(
    WorkflowId WorkflowId,
    int Index,
    string Cron,
    string TimeZone,
    DateTimeOffset? NextFireAt,
    DateTimeOffset? LastFiredAt);
