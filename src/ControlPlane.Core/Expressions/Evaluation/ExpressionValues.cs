using System.Globalization;

namespace ControlPlane.Core.Expressions.Evaluation;

/// <summary>
/// The value model and coercion rules, modelled on GitHub Actions. Values are null, bool, double,
/// string, objects (<see cref="IReadOnlyDictionary{TKey,TValue}"/> of string to value) and arrays
/// (<see cref="IReadOnlyList{T}"/> of values).
/// <list type="bullet">
/// <item>Falsy: false, 0, -0, NaN, '' and null; everything else (including empty arrays and objects) is truthy.</item>
/// <item>To number: null is 0, false 0, true 1; a string is trimmed, '' is 0, and decimal, 0x hex, 0o octal, Infinity and NaN parse; anything else, arrays and objects are NaN.</item>
/// <item>To string: null is '', booleans 'true'/'false', integral numbers without decimals, others with up to 15 significant digits; arrays and objects cannot be converted (use toJSON).</item>
/// <item>== between equal types compares values (strings ignoring case, arrays and objects by identity); between different types both sides become numbers. NaN equals nothing.</item>
/// <item>&lt; &lt;= &gt; &gt;= compare strings ignoring case when both are strings, otherwise as numbers; NaN makes them false.</item>
/// </list>
/// </summary>
public static class ExpressionValues
{
    public static bool IsTruthy(object? value) => Normalize(value) switch
    {
        null => false,
        bool b => b,
        double d => d != 0 && !double.IsNaN(d),
        string s => s.Length > 0,
        _ => true,
    };

    public static double ToNumber(object? value) => Normalize(value) switch
    {
        null => 0,
        bool b => b ? 1 : 0,
        double d => d,
        string s => ParseNumber(s),
        _ => double.NaN,
    };

    /// <exception cref="ExpressionEvaluationException">The value is an array or an object.</exception>
    public static string ToText(object? value) => Normalize(value) switch
    {
        null => string.Empty,
        bool b => b ? "true" : "false",
        double d => FormatNumber(d),
        string s => s,
        var other => throw new ExpressionEvaluationException($"cannot convert {KindOf(other)} to a string; use toJSON()"),
    };

    public static bool LooseEquals(object? left, object? right)
    {
        var a = Normalize(left);
        var b = Normalize(right);
        return (a, b) switch
        {
            (null, null) => true,
            (bool x, bool y) => x == y,
            (double x, double y) => x == y,
            (string x, string y) => string.Equals(x, y, StringComparison.OrdinalIgnoreCase),
            (IReadOnlyDictionary<string, object?> or IReadOnlyList<object?>, _) when KindOf(a) == KindOf(b) => ReferenceEquals(a, b),
            _ => ToNumber(a) == ToNumber(b),
        };
    }

    /// <summary>Negative, zero or positive like <see cref="IComparer{T}"/>, or null when the values do not compare (NaN).</summary>
    public static int? Compare(object? left, object? right)
    {
        var a = Normalize(left);
        var b = Normalize(right);
        if (a is string x && b is string y)
        {
            return string.Compare(x, y, StringComparison.OrdinalIgnoreCase);
        }

        var m = ToNumber(a);
        var n = ToNumber(b);
        return double.IsNaN(m) || double.IsNaN(n) ? null : m.CompareTo(n);
    }

    public static string KindOf(object? value) => Normalize(value) switch
    {
        null => "null",
        bool => "a boolean",
        double => "a number",
        string => "a string",
        IReadOnlyList<object?> => "an array",
        _ => "an object",
    };

    public static string FormatNumber(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        return double.IsInteger(value) && Math.Abs(value) < 1e15
            ? ((long)value).ToString(CultureInfo.InvariantCulture)
            : value.ToString("G15", CultureInfo.InvariantCulture).Replace('E', 'e');
    }

    /// <summary>Brings values from callers into the value model: any CLR number becomes a double, string maps become objects.</summary>
    public static object? Normalize(object? value) => value switch
    {
        null or bool or double or string => value,
        int or long or float or decimal or short or byte or uint or ulong => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        IReadOnlyDictionary<string, object?> => value,
        IReadOnlyDictionary<string, string> strings => strings.ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.OrdinalIgnoreCase),
        IReadOnlyList<object?> => value,
        System.Collections.IEnumerable items => items.Cast<object?>().Select(Normalize).ToList(),
        _ => value.ToString(),
    };

    private static double ParseNumber(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return 0;
        }

        var negative = trimmed.StartsWith('-');
        var unsigned = trimmed.TrimStart('-', '+');
        if (trimmed.Length - unsigned.Length > 1)
        {
            return double.NaN;
        }

        double magnitude;
        if (unsigned.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            magnitude = long.TryParse(unsigned.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex) ? hex : double.NaN;
        }
        else if (unsigned.StartsWith("0o", StringComparison.OrdinalIgnoreCase))
        {
            magnitude = ParseOctal(unsigned.AsSpan(2));
        }
        else if (unsigned is "Infinity" or "NaN")
        {
            magnitude = unsigned == "NaN" ? double.NaN : double.PositiveInfinity;
        }
        else
        {
            const NumberStyles Style = NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
            magnitude = double.TryParse(unsigned, Style, CultureInfo.InvariantCulture, out var number) ? number : double.NaN;
        }

        return negative ? -magnitude : magnitude;
    }

    private static double ParseOctal(ReadOnlySpan<char> digits)
    {
        if (digits.IsEmpty)
        {
            return double.NaN;
        }

        double result = 0;
        foreach (var digit in digits)
        {
            if (digit is < '0' or > '7')
            {
                return double.NaN;
            }

            result = (result * 8) + (digit - '0');
        }

        return result;
    }
}
