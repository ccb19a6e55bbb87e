namespace ControlPlane.Core.Expressions.Syntax;

/// <summary>A bare name at the root of an access chain: the context (<c>inputs</c>, <c>steps</c>, <c>matrix</c>...).</summary>
public sealed record ContextExpression(string Name, int Position) : ExpressionNode(Position);
