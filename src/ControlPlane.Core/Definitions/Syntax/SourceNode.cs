using ControlPlane.Core.Diagnostics;

namespace ControlPlane.Core.Definitions.Syntax;

/// <summary>
/// A node of the raw document (mapping, sequence or scalar) with its position. The typed definition
/// model is built from these; they never leave the parsing stage.
/// </summary>
internal abstract class SourceNode(SourceLocation location)
{
    public SourceLocation Location { get; } = location;

    /// <summary>How the node reads in a message: "a mapping", "a list", "a string", "null"...</summary>
    public abstract string Description { get; }
}
