namespace ControlPlane.Core.Expressions.Syntax;

/// <summary><c>'text'</c>, <c>42</c>, <c>true</c> or <c>null</c>; the value is a string, double, bool or null.</summary>
public sealed record LiteralExpression(object? Value, int Position) : ExpressionNode(Position);
