using System.Globalization;
using System.Text.RegularExpressions;

namespace ControlPlane.Core.Definitions.Syntax;

/// <summary>
/// Resolves plain YAML scalars with the YAML 1.2 core schema. Only true/false are booleans, so the
/// YAML 1.1 surprises (on, yes, no, NO as a country code) stay strings.
/// </summary>
internal static partial class ScalarResolver
{
    public static ScalarKind Resolve(string value) => value switch
    {
        "" or "~" or "null" or "Null" or "NULL" => ScalarKind.Null,
        "true" or "True" or "TRUE" or "false" or "False" or "FALSE" => ScalarKind.Boolean,
        _ when NumberPattern().IsMatch(value) => ScalarKind.Number,
        _ => ScalarKind.String,
    };

    public static bool ParseBoolean(string value) => value is "true" or "True" or "TRUE";

    /// <summary>Parses a number as written in YAML or JSON (decimal, 0x hex, 0o octal, .inf, .nan).</summary>
    public static double ParseNumber(string value)
    {
        var negative = value.StartsWith('-');
        var unsigned = value.TrimStart('+', '-');
        double magnitude;
        if (unsigned.StartsWith("0x", StringComparison.Ordinal))
        {
            magnitude = ulong.TryParse(unsigned.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex) ? hex : double.NaN;
        }
        else if (unsigned.StartsWith("0o", StringComparison.Ordinal))
        {
            magnitude = Octal(unsigned.AsSpan(2));
        }
        else if (unsigned is ".inf" or ".Inf" or ".INF")
        {
            magnitude = double.PositiveInfinity;
        }
        else if (unsigned is ".nan" or ".NaN" or ".NAN")
        {
            return double.NaN;
        }
        else
        {
            magnitude = double.TryParse(unsigned, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : double.NaN;
        }

        return negative ? -magnitude : magnitude;
    }

    private static double Octal(ReadOnlySpan<char> digits)
    {
        double result = 0;
        foreach (var digit in digits)
        {
            result = (result * 8) + (digit - '0');
        }

        return result;
    }

    [GeneratedRegex(@"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();
}
