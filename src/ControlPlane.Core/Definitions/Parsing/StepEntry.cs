using ControlPlane.Core.Diagnostics;

namespace ControlPlane.Core.Definitions.Parsing;

/// <param name="Ordinal">The step's index in file order; expression sites refer to steps by it.</param>
/// <param name="Step">The parsed step; its <see cref="StepDefinition.Needs"/> are filled in when groups are expanded.</param>
internal sealed record StepEntry(
    int Ordinal,
    StepDefinition Step,
    IReadOnlyList<NeedReference> Needs,
    string Path,
    SourceLocation Location,
    SourceLocation IdLocation)
    : StepItem(Step.Id.Length == 0 ? null : Step.Id, Needs, Path, Location, IdLocation);
