namespace ControlPlane.Core.Cron;

/// <summary>The range and names of one of the five cron fields.</summary>
internal sealed record CronField(string Name, int Min, int Max, IReadOnlyList<string> Names, int NamesStartAt)
{
    public static readonly CronField Minute = new("minute", 0, 59, [], 0);
    public static readonly CronField Hour = new("hour", 0, 23, [], 0);
    public static readonly CronField DayOfMonth = new("day-of-month", 1, 31, [], 0);
    public static readonly CronField Month = new("month", 1, 12, ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], 1);

    // 7 is accepted as a second Sunday, as in Vixie cron.
    public static readonly CronField DayOfWeek = new("day-of-week", 0, 7, ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"], 0);

    public static readonly IReadOnlyList<CronField> All = [Minute, Hour, DayOfMonth, Month, DayOfWeek];

    public string RangeText => Names.Count == 0
        ? $"{Min}-{Max}"
        : $"{Min}-{Max} or {Names[0]}-{Names[^1]}";
}
