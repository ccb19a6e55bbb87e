using ControlPlane.Core.Diagnostics;

namespace ControlPlane.Core.Definitions.Syntax;

/// <summary>A mapping in document order. Keys are unique: the readers report and drop repeated keys.</summary>
internal sealed class MappingNode(SourceLocation location, IReadOnlyList<MappingEntry> entries) : SourceNode(location)
{
    public IReadOnlyList<MappingEntry> Entries { get; } = entries;

    public override string Description => "a mapping";

    public MappingEntry? Find(string key)
    {
        foreach (var entry in Entries)
        {
            if (entry.Key.Value == key)
            {
                return entry;
            }
        }

        return null;
    }

    public SourceNode? this[string key] => Find(key)?.Value;

    public bool Contains(string key) => Find(key) is not null;
}
