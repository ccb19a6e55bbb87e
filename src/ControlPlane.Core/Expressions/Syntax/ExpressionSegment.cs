namespace ControlPlane.Core.Expressions.Syntax;

/// <param name="Source">The expression text between <c>${{</c> and <c>}}</c>.</param>
/// <param name="Offset">The offset of <see cref="Source"/> in the field; node positions are relative to it.</param>
public sealed record ExpressionSegment(ExpressionNode Expression, string Source, int Offset) : TemplateSegment(Offset);
