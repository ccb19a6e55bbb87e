namespace ControlPlane.Core.Expressions.Syntax;

/// <summary>A piece of a string field: literal text or one <c>${{ }}</c> expression.</summary>
/// <param name="Offset">Where the piece starts in the field's text (for an expression: its first character after <c>${{</c>).</param>
public abstract record TemplateSegment(int Offset);
