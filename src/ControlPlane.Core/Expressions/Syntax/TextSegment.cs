namespace ControlPlane.Core.Expressions.Syntax;

public sealed record TextSegment(string Text, int Offset) : TemplateSegment(Offset);
