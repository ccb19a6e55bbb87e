namespace ControlPlane.Core.Cron;

/// <summary>
/// Finds when a <see cref="CronExpression"/> next fires in a time zone. The expression matches local wall-clock
/// minutes; each matching minute is turned into one instant by these rules, so that a schedule never fires twice
/// for one local time and never silently drops one:
/// <list type="bullet">
/// <item>a local time that a spring-forward gap skips fires at the first valid instant after the gap (several
/// skipped times all collapse into that one instant);</item>
/// <item>a local time that a fall-back repeats fires once, at its first occurrence;</item>
/// <item>every other local time fires at its only instant.</item>
/// </list>
/// </summary>
internal static class CronOccurrences
{
    /// <summary>How far ahead the search looks; an expression such as <c>0 0 30 2 *</c> never matches.</summary>
    public const int SearchYears = 30;

    public static DateTimeOffset? Next(CronExpression cron, DateTimeOffset after, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(after, zone).DateTime;
        var candidate = new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, DateTimeKind.Unspecified);
        var limit = candidate.AddYears(SearchYears);
        while (NextMatch(cron, candidate, limit) is { } match)
        {
            var instant = ToInstant(match, zone);
            if (instant > after)
            {
                return instant;
            }

            candidate = match.AddMinutes(1);
        }

        return null;
    }

    /// <summary>The one instant a matching local minute fires at (see the class rules).</summary>
    internal static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        if (zone.IsInvalidTime(local))
        {
            // Gaps start and end on whole minutes in every zone the tz database has, so this ends within the gap's length.
            var end = local;
            while (zone.IsInvalidTime(end))
            {
                end = end.AddMinutes(1);
            }

            return new DateTimeOffset(end, zone.GetUtcOffset(end));
        }

        if (zone.IsAmbiguousTime(local))
        {
            // The larger offset is the one in force before the clocks went back: the first occurrence.
            var offsets = zone.GetAmbiguousTimeOffsets(local);
            return new DateTimeOffset(local, offsets.Max());
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>The first local minute at or after <paramref name="from"/> that the expression matches, before <paramref name="limit"/>.</summary>
    private static DateTime? NextMatch(CronExpression cron, DateTime from, DateTime limit)
    {
        var t = from;
        while (t < limit)
        {
            if (!cron.Months.Contains(t.Month))
            {
                t = new DateTime(t.Year, t.Month, 1, 0, 0, 0, DateTimeKind.Unspecified).AddMonths(1);
            }
            else if (!DayMatches(cron, t))
            {
                t = t.Date.AddDays(1);
            }
            else if (!cron.Hours.Contains(t.Hour))
            {
                t = NextAt(cron.Hours, t.Hour) is { } hour
                    ? t.Date.AddHours(hour)
                    : t.Date.AddDays(1);
            }
            else if (!cron.Minutes.Contains(t.Minute))
            {
                var hourStart = t.Date.AddHours(t.Hour);
                t = NextAt(cron.Minutes, t.Minute) is { } minute
                    ? hourStart.AddMinutes(minute)
                    : hourStart.AddHours(1);
            }
            else
            {
                return t;
            }
        }

        return null;
    }

    /// <summary>Classic cron: with both day fields restricted a day matches either; otherwise it must match both.</summary>
    private static bool DayMatches(CronExpression cron, DateTime day)
    {
        var dayOfMonth = cron.DaysOfMonth.Contains(day.Day);
        var dayOfWeek = cron.DaysOfWeek.Contains((int)day.DayOfWeek);
        return cron.DayOfMonthRestricted && cron.DayOfWeekRestricted
            ? dayOfMonth || dayOfWeek
            : dayOfMonth && dayOfWeek;
    }

    /// <summary>The smallest value in <paramref name="sorted"/> greater than <paramref name="current"/>, if any.</summary>
    private static int? NextAt(IReadOnlyList<int> sorted, int current)
    {
        foreach (var value in sorted)
        {
            if (value > current)
            {
                return value;
            }
        }

        return null;
    }
}
