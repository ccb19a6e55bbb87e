namespace ControlPlane.Core.Expressions.Evaluation;

/// <summary>An expression that parsed but cannot be evaluated with the values at hand (bad JSON, a format index out of range...).</summary>
public sealed class ExpressionEvaluationException : Exception
{
    public ExpressionEvaluationException()
    {
    }

    public ExpressionEvaluationException(string message)
        : base(message)
    {
    }

    public ExpressionEvaluationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ExpressionEvaluationException(string message, int position)
        : base(message)
    {
        Position = position;
    }

    /// <summary>0-based offset of the failing node in the expression text, when known.</summary>
    public int? Position { get; }
}
