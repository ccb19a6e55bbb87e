namespace ControlPlane.Core.Expressions.Syntax;

/// <summary>
/// An <c>if:</c> condition, which may be written bare (<c>inputs.deploy == true</c>) or wrapped
/// (<c>${{ inputs.deploy == true }}</c>).
/// </summary>
/// <param name="Offset">Where the expression text starts in the field, for error positions.</param>
public sealed record ConditionExpression(ExpressionNode Expression, int Offset)
{
    /// <summary>
    /// Text around a <c>${{ }}</c> would make the condition a non-empty string, which is always true;
    /// that is never what the author meant, so it is refused.
    /// </summary>
    public static bool IsMixed(string text)
    {
        var trimmed = text.Trim();
        if (!ExpressionTemplate.ContainsExpression(trimmed))
        {
            return false;
        }

        try
        {
            return ExpressionTemplate.Parse(trimmed).SingleExpression is null;
        }
        catch (ExpressionSyntaxException)
        {
            return false;
        }
    }

    /// <exception cref="ExpressionSyntaxException">The condition is invalid or mixes text with <c>${{ }}</c>.</exception>
    public static ConditionExpression Parse(string text)
    {
        var leading = text.Length - text.TrimStart().Length;
        var trimmed = text.Trim();
        if (!ExpressionTemplate.ContainsExpression(trimmed))
        {
            try
            {
                return new ConditionExpression(ExpressionParser.Parse(trimmed), leading);
            }
            catch (ExpressionSyntaxException exception)
            {
                throw new ExpressionSyntaxException(exception.Message, exception.Position + leading);
            }
        }

        ExpressionTemplate template;
        try
        {
            template = ExpressionTemplate.Parse(trimmed);
        }
        catch (ExpressionSyntaxException exception)
        {
            throw new ExpressionSyntaxException(exception.Message, exception.Position + leading);
        }

        var single = template.SingleExpression
            ?? throw new ExpressionSyntaxException("a condition is either one ${{ }} or a bare expression; text around ${{ }} makes it a string, which is always true", leading);
        return new ConditionExpression(single.Expression, single.Offset + leading);
    }
}
