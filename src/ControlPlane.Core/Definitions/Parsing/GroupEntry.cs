using ControlPlane.Core.Diagnostics;

namespace ControlPlane.Core.Definitions.Parsing;

/// <summary>A <c>parallel:</c> or <c>sequence:</c> block; its id, if any, can be used in <c>needs</c>.</summary>
internal sealed record GroupEntry(
    string? Id,
    GroupKind Kind,
    IReadOnlyList<StepItem> Items,
    IReadOnlyList<NeedReference> Needs,
    string Path,
    SourceLocation Location,
    SourceLocation IdLocation)
    : StepItem(Id, Needs, Path, Location, IdLocation);
