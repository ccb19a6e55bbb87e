namespace ControlPlane.Core.Expressions.Syntax;

/// <param name="Position">The offset of the operator, which is where a problem with the comparison is reported.</param>
public sealed record ComparisonExpression(ComparisonOperator Operator, ExpressionNode Left, ExpressionNode Right, int Position) : ExpressionNode(Position);
