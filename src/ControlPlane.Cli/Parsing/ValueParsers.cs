using System.Globalization;
using ControlPlane.Contracts.V1;
using ControlPlane.Core.Definitions;
using ControlPlane.Core.Text;
using ControlPlane.Settings;

namespace ControlPlane.Cli.Parsing;

/// <summary>Typed values from flags, CP_* variables and the config file; a bad one is a UsageException naming its source and the value.</summary>
internal static class ValueParsers
{
    /// <summary><c>key=value</c> pairs into a map (a later key wins).</summary>
    public static Dictionary<string, string> KeyValues(IEnumerable<string> pairs, string where)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new UsageException($"{where}: '{pair}' is not KEY=VALUE");
            }

            map[pair[..equals]] = pair[(equals + 1)..];
        }

        return map;
    }

    /// <summary>A positive id (a run, a token); <paramref name="what"/> names it in the error.</summary>
    public static long Id(string text, string what)
    {
        var trimmed = text.StartsWith('#') ? text[1..] : text;
        return long.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : throw new UsageException($"{what} must be a positive number, not '{text}'");
    }

    /// <summary>A whole number between <paramref name="min"/> and <paramref name="max"/>.</summary>
    public static int Int(string text, string where, int min, int max) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new UsageException($"{where}: '{text}' is not a whole number from {min} to {max}");

    /// <summary>A boolean setting, spelled as for every program (<see cref="SettingText.ParseBoolean"/>).</summary>
    public static bool Bool(string text, string where)
    {
        try
        {
            return SettingText.ParseBoolean(where, text);
        }
        catch (SettingException e)
        {
            throw new UsageException(e.Message, e);
        }
    }

    /// <summary>A duration as workflow files write it: <c>30s</c>, <c>1h</c>, <c>30d</c>.</summary>
    public static TimeSpan Duration(string text, string where) =>
        DurationFormat.TryParse(text, out var duration, out var error) ? duration : throw new UsageException($"{where}: {error}");

    /// <summary>A duration setting longer than zero, e.g. a timeout, spelled as for every program (<see cref="SettingText.TryParseDuration"/>).</summary>
    public static TimeSpan PositiveDuration(string text, string where)
    {
        var duration = SettingText.TryParseDuration(text, out var parsed, out var error) ? parsed : throw new UsageException($"{where}: {error}");
        return duration > TimeSpan.Zero ? duration : throw new UsageException($"{where}: the duration must be longer than 0, not '{text}'");
    }

    /// <summary><c>--since</c> and <c>--until</c>: an age (<c>1h</c>, <c>2d</c>) or a date/time (<c>2026-11-01</c>, <c>2026-11-01T12:00:00Z</c>; UTC unless it names an offset).</summary>
    public static PointInTime PointInTime(string text, string where)
    {
        if (DurationFormat.TryParse(text, out var back, out _))
        {
            return new PointInTime(back, null);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? new PointInTime(null, at)
            : throw new UsageException($"{where}: '{text}' is neither a duration (e.g. 1h, 2d) nor a date (e.g. 2026-11-01T12:00:00Z)");
    }

    /// <summary>Run states by their short names (<c>running</c>, <c>failed</c>...), repeatable and comma-separated.</summary>
    public static List<RunState> RunStates(IEnumerable<string> values, string where)
    {
        var names = RunStateNames.ToDictionary(n => n, n => Enum.GetValues<RunState>().First(s => Output.Display.Name(s) == n));
        var states = new List<RunState>();
        foreach (var name in values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            states.Add(names.TryGetValue(name.ToLowerInvariant(), out var state)
                ? state
                : throw new UsageException($"{where}: unknown state '{name}'{NameSuggester.Hint(name, names.Keys)}; one of: {string.Join(", ", names.Keys)}"));
        }

        return states;
    }

    /// <summary>The run states' short names, for completion and errors.</summary>
    public static IReadOnlyList<string> RunStateNames { get; } =
        [.. Enum.GetValues<RunState>().Where(s => s != RunState.Unspecified).Select(s => Output.Display.Name(s))];

    /// <summary>The token roles' names.</summary>
    public static IReadOnlyList<string> RoleNames { get; } = ["admin", "operator", "viewer", "runner"];

    /// <summary>A token role: admin, operator, viewer or runner.</summary>
    public static ApiTokenRole Role(string text, string where) => text.ToLowerInvariant() switch
    {
        "admin" => ApiTokenRole.Admin,
        "operator" => ApiTokenRole.Operator,
        "viewer" => ApiTokenRole.Viewer,
        "runner" => ApiTokenRole.Runner,
        _ => throw new UsageException($"{where}: unknown role '{text}'; one of: admin, operator, viewer, runner"),
    };
}
