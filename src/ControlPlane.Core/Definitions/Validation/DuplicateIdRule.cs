using ControlPlane.Core.Definitions.Parsing;
using ControlPlane.Core.Diagnostics;

namespace ControlPlane.Core.Definitions.Validation;

/// <summary>Step and group ids share one namespace, since <c>needs</c> can name either.</summary>
internal static class DuplicateIdRule
{
    public static void Check(ParsedWorkflow workflow, DiagnosticBag diagnostics)
    {
        var seen = new Dictionary<string, StepItem>(StringComparer.Ordinal);
        var items = workflow.Steps.Cast<StepItem>().Concat(ParsedWorkflow.Groups(workflow.Items))
            .Where(i => i.Id is not null)
            .OrderBy(i => i.IdLocation.Line)
            .ThenBy(i => i.IdLocation.Column);
        foreach (var item in items)
        {
            if (seen.TryGetValue(item.Id!, out var first))
            {
                diagnostics.Error(
                    DiagnosticCodes.DuplicateId,
                    item.IdLocation,
                    FieldPath.Child(item.Path, "id"),
                    $"duplicate id '{item.Id}'; it is already used on line {first.IdLocation.Line}");
            }
            else
            {
                seen[item.Id!] = item;
            }
        }
    }
}
