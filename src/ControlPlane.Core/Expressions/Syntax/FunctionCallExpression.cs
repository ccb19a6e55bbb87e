namespace ControlPlane.Core.Expressions.Syntax;

/// <param name="Name">The function's canonical name (<c>startsWith</c>), whatever case it was written in.</param>
public sealed record FunctionCallExpression(string Name, IReadOnlyList<ExpressionNode> Arguments, int Position) : ExpressionNode(Position);
