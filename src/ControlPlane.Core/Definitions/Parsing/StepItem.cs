using ControlPlane.Core.Diagnostics;

namespace ControlPlane.Core.Definitions.Parsing;

/// <summary>An entry of a steps list before groups are expanded: a step or a group of entries.</summary>
internal abstract record StepItem(string? Id, IReadOnlyList<NeedReference> Needs, string Path, SourceLocation Location, SourceLocation IdLocation);
