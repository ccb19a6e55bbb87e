namespace ControlPlane.Core.Expressions.Syntax;

/// <summary><c>target['key']</c> or <c>target[0]</c>.</summary>
public sealed record IndexAccessExpression(ExpressionNode Target, ExpressionNode Index, int Position) : ExpressionNode(Position);
