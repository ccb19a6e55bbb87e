namespace ControlPlane.Core.Definitions.Parsing;

internal enum GroupKind
{
    /// <summary>Entries run independently; the group's exits are all of theirs.</summary>
    Parallel,

    /// <summary>Each entry needs the previous one; the group's exits are the last entry's.</summary>
    Sequence,
}
