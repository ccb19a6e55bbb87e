using System.Globalization;
using System.Text;

namespace ControlPlane.Core.Expressions.Evaluation;

/// <summary><c>format('Hello {0}, {{literal}}', name)</c>: {n} is replaced by argument n; {{ and }} are literal braces.</summary>
internal static class FormatFunction
{
    public static string Apply(string pattern, IReadOnlyList<object?> arguments)
    {
        var result = new StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '{' && i + 1 < pattern.Length && pattern[i + 1] == '{')
            {
                result.Append('{');
                i++;
            }
            else if (c == '}' && i + 1 < pattern.Length && pattern[i + 1] == '}')
            {
                result.Append('}');
                i++;
            }
            else if (c == '{')
            {
                var close = pattern.IndexOf('}', i);
                if (close < 0 || !int.TryParse(pattern.AsSpan(i + 1, close - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    throw new ExpressionEvaluationException($"format: '{{' at offset {i} of '{pattern}' must start a placeholder like {{0}}; write '{{{{' for a literal brace");
                }

                if (index >= arguments.Count)
                {
                    throw new ExpressionEvaluationException($"format: '{pattern}' uses {{{index}}} but only {arguments.Count} argument{(arguments.Count == 1 ? " was" : "s were")} given after the pattern");
                }

                result.Append(ExpressionValues.ToText(arguments[index]));
                i = close;
            }
            else if (c == '}')
            {
                throw new ExpressionEvaluationException($"format: '}}' at offset {i} of '{pattern}' has no matching '{{'; write '}}}}' for a literal brace");
            }
            else
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }
}
