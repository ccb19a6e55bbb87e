namespace ControlPlane.Core.Expressions.Syntax;

/// <summary>An expression that cannot be parsed. <see cref="Position"/> is the 0-based offset in the text given to the parser.</summary>
public sealed class ExpressionSyntaxException : FormatException
{
    public ExpressionSyntaxException()
    {
    }

    public ExpressionSyntaxException(string message)
        : base(message)
    {
    }

    public ExpressionSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ExpressionSyntaxException(string message, int position)
        : base(message)
    {
        Position = position;
    }

    public int Position { get; }
}
