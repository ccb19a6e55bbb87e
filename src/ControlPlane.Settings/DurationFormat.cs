using System.Globalization;
using System.Text;

namespace ControlPlane.Settings;

/// <summary>
/// Durations as written in workflow files: whole numbers with units from largest to smallest, such
/// as <c>500ms</c>, <c>30s</c>, <c>5m</c>, <c>1h30m</c> or <c>2d</c>.
/// </summary>
public static class DurationFormat
{
    /// <summary>Longer durations are almost certainly typos, and keep arithmetic far from overflow.</summary>
    public static readonly TimeSpan Maximum = TimeSpan.FromDays(366);

    private static readonly (string Suffix, long Milliseconds)[] Units =
    [
        ("d", 86_400_000),
        ("h", 3_600_000),
        ("m", 60_000),
        ("s", 1_000),
        ("ms", 1),
    ];

    public static bool TryParse(string text, out TimeSpan duration, out string error)
    {
        duration = TimeSpan.Zero;
        error = $"invalid duration '{text}'; write whole numbers with units ms, s, m, h or d, e.g. 500ms, 30s, 5m or 1h30m";
        if (text.Length == 0)
        {
            return false;
        }

        long total = 0;
        var lastUnit = -1;
        var position = 0;
        while (position < text.Length)
        {
            var digitsStart = position;
            while (position < text.Length && char.IsAsciiDigit(text[position]))
            {
                position++;
            }

            var digits = text.AsSpan(digitsStart, position - digitsStart);
            var unit = ReadUnit(text, ref position);
            if (digits.IsEmpty || digits.Length > 9 || unit < 0)
            {
                return false;
            }

            if (unit <= lastUnit)
            {
                error = $"invalid duration '{text}'; write each unit once, from largest to smallest, e.g. 1h30m";
                return false;
            }

            lastUnit = unit;
            total += long.Parse(digits, CultureInfo.InvariantCulture) * Units[unit].Milliseconds;
            if (total > (long)Maximum.TotalMilliseconds)
            {
                error = $"duration '{text}' is longer than the maximum of {Format(Maximum)}";
                return false;
            }
        }

        duration = TimeSpan.FromMilliseconds(total);
        return true;
    }

    /// <summary>The shortest canonical text for a duration, e.g. 5400s becomes <c>1h30m</c>.</summary>
    public static string Format(TimeSpan duration)
    {
        var remaining = (long)duration.TotalMilliseconds;
        if (remaining == 0)
        {
            return "0s";
        }

        var builder = new StringBuilder();
        foreach (var (suffix, milliseconds) in Units)
        {
            var count = remaining / milliseconds;
            if (count > 0)
            {
                builder.Append(count.ToString(CultureInfo.InvariantCulture)).Append(suffix);
                remaining -= count * milliseconds;
            }
        }

        return builder.ToString();
    }

    private static int ReadUnit(string text, ref int position)
    {
        // "ms" before "m" so 500ms is not read as 500 minutes followed by garbage.
        if (string.CompareOrdinal(text, position, "ms", 0, 2) == 0)
        {
            position += 2;
            return 4;
        }

        for (var i = 0; i < Units.Length; i++)
        {
            if (position < text.Length && Units[i].Suffix.Length == 1 && text[position] == Units[i].Suffix[0])
            {
                position++;
                return i;
            }
        }

        return -1;
    }
}
