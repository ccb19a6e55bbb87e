namespace ControlPlane.Core.Definitions.Syntax;

internal sealed record MappingEntry(ScalarNode Key, SourceNode Value);
