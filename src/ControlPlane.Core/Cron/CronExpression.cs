namespace ControlPlane.Core.Cron;

/// <summary>
/// A parsed five-field cron expression (minute hour day-of-month month day-of-week) or macro
/// (@hourly, @daily, @midnight, @weekly, @monthly, @yearly, @annually), and when it next fires in a time zone.
/// </summary>
public sealed class CronExpression
{
    private static readonly Dictionary<string, string> Macros = new(StringComparer.OrdinalIgnoreCase)
    {
        ["@yearly"] = "0 0 1 1 *",
        ["@annually"] = "0 0 1 1 *",
        ["@monthly"] = "0 0 1 * *",
        ["@weekly"] = "0 0 * * 0",
        ["@daily"] = "0 0 * * *",
        ["@midnight"] = "0 0 * * *",
        ["@hourly"] = "0 * * * *",
    };

    private CronExpression(string text, IReadOnlyList<SortedSet<int>> fields, bool dayOfMonthRestricted, bool dayOfWeekRestricted)
    {
        Text = text;
        Minutes = [.. fields[0]];
        Hours = [.. fields[1]];
        DaysOfMonth = [.. fields[2]];
        Months = [.. fields[3]];
        DaysOfWeek = [.. fields[4]];
        DayOfMonthRestricted = dayOfMonthRestricted;
        DayOfWeekRestricted = dayOfWeekRestricted;
    }

    /// <summary>The expression as written.</summary>
    public string Text { get; }

    public IReadOnlyList<int> Minutes { get; }

    public IReadOnlyList<int> Hours { get; }

    public IReadOnlyList<int> DaysOfMonth { get; }

    public IReadOnlyList<int> Months { get; }

    /// <summary>0 is Sunday; a written 7 is folded into 0.</summary>
    public IReadOnlyList<int> DaysOfWeek { get; }

    /// <summary>
    /// Classic cron semantics: when both day fields are restricted (neither is <c>*</c>), a day matches
    /// if either field matches; otherwise both must.
    /// </summary>
    public bool DayOfMonthRestricted { get; }

    public bool DayOfWeekRestricted { get; }

    public static CronExpression Parse(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith('@'))
        {
            if (!Macros.TryGetValue(trimmed, out var expanded))
            {
                throw new CronSyntaxException(
                    $"unknown cron macro '{trimmed}'; expected one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly",
                    text.IndexOf('@', StringComparison.Ordinal));
            }

            var macro = Parse(expanded);
            return new CronExpression(text, [new(macro.Minutes), new(macro.Hours), new(macro.DaysOfMonth), new(macro.Months), new(macro.DaysOfWeek)], macro.DayOfMonthRestricted, macro.DayOfWeekRestricted);
        }

        var parts = SplitFields(text);
        if (parts.Count != 5)
        {
            throw new CronSyntaxException(
                $"a cron expression has 5 fields (minute hour day-of-month month day-of-week), got {parts.Count}",
                parts.Count > 5 ? parts[5].Offset : 0);
        }

        var fields = new List<SortedSet<int>>(5);
        for (var i = 0; i < 5; i++)
        {
            fields.Add(CronFieldParser.Parse(parts[i].Text, parts[i].Offset, CronField.All[i]));
        }

        return new CronExpression(text, fields, !IsWildcard(parts[2].Text), !IsWildcard(parts[4].Text));
    }

    public static bool TryParse(string text, out CronExpression? expression, out CronSyntaxException? error)
    {
        try
        {
            expression = Parse(text);
            error = null;
            return true;
        }
        catch (CronSyntaxException exception)
        {
            expression = null;
            error = exception;
            return false;
        }
    }

    /// <summary>
    /// The first instant strictly after <paramref name="after"/> at which the expression fires in <paramref name="zone"/>,
    /// or null when it matches no time in the next <see cref="CronOccurrences.SearchYears"/> years (e.g. <c>0 0 30 2 *</c>).
    /// A local time skipped by a daylight-saving gap fires once at the first valid instant after the gap; a local time
    /// that occurs twice fires once, at its first occurrence.
    /// </summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after, TimeZoneInfo zone) => CronOccurrences.Next(this, after, zone);

    public override string ToString() => Text;

    private static bool IsWildcard(string field) => field == "*" || field.StartsWith("*/", StringComparison.Ordinal);

    private static List<(string Text, int Offset)> SplitFields(string text)
    {
        var parts = new List<(string, int)>();
        var position = 0;
        while (position < text.Length)
        {
            while (position < text.Length && char.IsWhiteSpace(text[position]))
            {
                position++;
            }

            var start = position;
            while (position < text.Length && !char.IsWhiteSpace(text[position]))
            {
                position++;
            }

            if (position > start)
            {
                parts.Add((text[start..position], start));
            }
        }

        return parts;
    }
}
