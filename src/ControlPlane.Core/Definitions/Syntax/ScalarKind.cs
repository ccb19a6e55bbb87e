namespace ControlPlane.Core.Definitions.Syntax;

/// <summary>The type a scalar resolves to (YAML 1.2 core schema; JSON token types).</summary>
internal enum ScalarKind
{
    String,
    Number,
    Boolean,
    Null,
}
