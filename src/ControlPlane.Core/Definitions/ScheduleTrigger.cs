using ControlPlane.Core.Cron;

namespace ControlPlane.Core.Definitions;

/// <summary>Starts a run on a cron schedule with fixed input values.</summary>
/// <param name="TimeZone">An IANA time zone id; null means UTC.</param>
/// <param name="Inputs">Input values as text, validated against the workflow's inputs.</param>
public sealed record ScheduleTrigger(CronExpression Cron, string? TimeZone, IReadOnlyDictionary<string, string> Inputs);
