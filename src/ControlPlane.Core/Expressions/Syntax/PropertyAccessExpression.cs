namespace ControlPlane.Core.Expressions.Syntax;

/// <summary><c>target.property</c>.</summary>
public sealed record PropertyAccessExpression(ExpressionNode Target, string Property, int Position) : ExpressionNode(Position);
