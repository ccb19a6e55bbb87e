namespace ControlPlane.Core.Expressions.Syntax;

/// <summary>A node of a parsed expression. <see cref="Position"/> is the 0-based offset of its first character.</summary>
public abstract record ExpressionNode(int Position);
