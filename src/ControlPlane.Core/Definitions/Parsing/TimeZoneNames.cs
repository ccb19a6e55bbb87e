using System.Text.RegularExpressions;

namespace ControlPlane.Core.Definitions.Parsing;

/// <summary>
/// Checks schedule time zones against the system's IANA database. Minimal containers ship without
/// one; there only the shape of the name is checked, so a valid file does not fail to load just
/// because of where it is validated.
/// </summary>
internal static partial class TimeZoneNames
{
    private static readonly Lazy<IReadOnlyList<string>> Known = new(() => TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).ToList());

    public static IReadOnlyList<string> All => Known.Value;

    public static bool IsKnown(string id)
    {
        if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out _))
        {
            return true;
        }

        var hasDatabase = Known.Value.Count > 1;
        return !hasDatabase && IanaShape().IsMatch(id);
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+){0,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex IanaShape();
}
