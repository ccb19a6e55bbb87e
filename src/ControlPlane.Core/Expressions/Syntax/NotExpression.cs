namespace ControlPlane.Core.Expressions.Syntax;

public sealed record NotExpression(ExpressionNode Operand, int Position) : ExpressionNode(Position);
