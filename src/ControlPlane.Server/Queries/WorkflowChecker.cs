using ControlPlane.Core.Definitions;
using ControlPlane.Core.Definitions.Identity;
using ControlPlane.Core.Planning;

namespace ControlPlane.Server.Queries;

/// <summary>Checks a workflow file and plans it with inputs, as applying and starting would, but stores nothing.</summary>
public static class WorkflowChecker
{
    public static WorkflowCheck Check(string fileName, string text, IReadOnlyDictionary<string, string> inputs, PlanLimits limits)
    {
        var validation = WorkflowLoader.Validate(fileName, text);
        if (validation.Definition is not { } definition)
        {
            return new WorkflowCheck(false, validation.Diagnostics, "", "", "");
        }

        var hash = WorkflowContentHash.Compute(definition);
        var planning = WorkflowPlanner.TryPlan(definition, inputs, limits);
        var diagnostics = validation.Diagnostics.Concat(planning.Diagnostics).ToList();
        return planning.Plan is { } plan
            ? new WorkflowCheck(true, diagnostics, definition.Name, hash, PlanRenderer.Render(plan))
            : new WorkflowCheck(false, diagnostics, definition.Name, hash, "");
    }
}
