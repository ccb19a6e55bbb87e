using ControlPlane.Core.Diagnostics;

namespace ControlPlane.Core.Definitions.Syntax;

internal sealed class SequenceNode(SourceLocation location, IReadOnlyList<SourceNode> items) : SourceNode(location)
{
    public IReadOnlyList<SourceNode> Items { get; } = items;

    public override string Description => "a list";
}
