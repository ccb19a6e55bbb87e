namespace ControlPlane.Server.Triggers.Schedules;

/// <summary>Turns a schedule's time zone name into the zone its cron runs in.</summary>
internal static class ScheduleTimeZones
{
    /// <summary>The name stored for a schedule without a <c>timezone</c>.</summary>
    public const string Utc = "UTC";

    /// <returns>The zone, or null when this machine's tz database does not know the name.</returns>
    public static TimeZoneInfo? Find(string name) =>
        string.Equals(name, Utc, StringComparison.OrdinalIgnoreCase) ? TimeZoneInfo.Utc
        : TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone) ? zone
        : null;
}
