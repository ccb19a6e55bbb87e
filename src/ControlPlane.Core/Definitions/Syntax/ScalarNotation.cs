namespace ControlPlane.Core.Definitions.Syntax;

/// <summary>How a scalar was written, which decides how offsets in its value map back to columns.</summary>
internal enum ScalarNotation
{
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}
