namespace ControlPlane.Core.Expressions.Syntax;

/// <summary><c>&amp;&amp;</c> and <c>||</c>: short-circuit and return an operand's value, not a bool.</summary>
public sealed record LogicalExpression(LogicalOperator Operator, ExpressionNode Left, ExpressionNode Right, int Position) : ExpressionNode(Position);
