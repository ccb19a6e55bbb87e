namespace ControlPlane.Core.Expressions.Syntax;

/// <summary>
/// A string field split into literal text and <c>${{ expression }}</c> pieces. A field that is exactly
/// one expression evaluates to that expression's value (which may be a number or an object); any
/// other field evaluates to a string.
/// </summary>
public sealed record ExpressionTemplate(string Text, IReadOnlyList<TemplateSegment> Segments)
{
    public const string Open = "${{";
    public const string Close = "}}";

    public bool HasExpressions => Segments.Any(s => s is ExpressionSegment);

    /// <summary>The field is <c>${{ x }}</c> with nothing around it.</summary>
    public ExpressionSegment? SingleExpression =>
        Segments is [ExpressionSegment only] && Text.StartsWith(Open, StringComparison.Ordinal) && Text.EndsWith(Close, StringComparison.Ordinal)
            ? only
            : null;

    public IEnumerable<ExpressionSegment> Expressions => Segments.OfType<ExpressionSegment>();

    /// <exception cref="ExpressionSyntaxException">A <c>${{</c> is not closed or an expression is invalid; the position is an offset in <paramref name="text"/>.</exception>
    public static ExpressionTemplate Parse(string text) =>
        Scan(text, exception => throw exception);

    /// <summary>
    /// Parses every expression it can, reporting each invalid one instead of stopping at the first,
    /// so a validator can show all problems in a field at once. Invalid expressions are left out.
    /// </summary>
    public static ExpressionTemplate ParseLeniently(string text, ICollection<ExpressionSyntaxException> errors) =>
        Scan(text, errors.Add);

    private static ExpressionTemplate Scan(string text, Action<ExpressionSyntaxException> onError)
    {
        var segments = new List<TemplateSegment>();
        var position = 0;
        while (position < text.Length)
        {
            var open = text.IndexOf(Open, position, StringComparison.Ordinal);
            if (open < 0)
            {
                segments.Add(new TextSegment(text[position..], position));
                break;
            }

            if (open > position)
            {
                segments.Add(new TextSegment(text[position..open], position));
            }

            var sourceStart = open + Open.Length;
            var close = FindClose(text, sourceStart);
            if (close is null)
            {
                // A '}}' hidden inside an unclosed string: the string is the real problem, and parsing up
                // to the raw '}}' reports it where it starts.
                var rawClose = text.IndexOf(Close, sourceStart, StringComparison.Ordinal);
                onError(rawClose < 0
                    ? new ExpressionSyntaxException("'${{' is not closed; add '}}'", open)
                    : new ExpressionSyntaxException("string is not closed; add a ' (write '' for a quote inside a string)", text.IndexOf('\'', sourceStart)));
                break;
            }

            var source = text[sourceStart..close.Value];
            try
            {
                segments.Add(new ExpressionSegment(ExpressionParser.Parse(source), source, sourceStart));
            }
            catch (ExpressionSyntaxException exception)
            {
                onError(new ExpressionSyntaxException(exception.Message, exception.Position + sourceStart));
            }

            position = close.Value + Close.Length;
        }

        return new ExpressionTemplate(text, segments);
    }

    /// <summary>True when <paramref name="text"/> contains <c>${{</c> at all; cheaper than parsing.</summary>
    public static bool ContainsExpression(string text) => text.Contains(Open, StringComparison.Ordinal);

    // '}}' inside a quoted string does not end the expression.
    private static int? FindClose(string text, int start)
    {
        var inString = false;
        for (var i = start; i < text.Length; i++)
        {
            if (text[i] == '\'')
            {
                inString = !inString;
            }
            else if (!inString && string.CompareOrdinal(text, i, Close, 0, Close.Length) == 0)
            {
                return i;
            }
        }

        return null;
    }
}
