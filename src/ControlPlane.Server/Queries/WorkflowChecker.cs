using ControlPlane.Core.Definitions;
using ControlPlane.Core.Definitions.Identity;
using ControlPlane.Core.Planning;
using ControlPlane.Server.Triggers.Webhooks;

namespace ControlPlane.Server.Queries;

/// <summary>Checks a workflow file and plans it with inputs, as applying and starting would, but stores nothing.</summary>
public static class WorkflowChecker
{
    /// <param name="limits">The server's plan limits.</param>
    /// <param name="webhookSecrets">The server's secrets, which a webhook's secret must be one of, as applying checks.</param>
    public static WorkflowCheck Check(string fileName, string text, IReadOnlyDictionary<string, string> inputs, PlanLimits limits, WebhookSecretRule webhookSecrets)
    {
        ArgumentNullException.ThrowIfNull(webhookSecrets);
        var validation = WorkflowLoader.Validate(fileName, text);
        if (validation.Definition is not { } definition)
        {
            return new WorkflowCheck(false, validation.Diagnostics, "", "", "");
        }

        var serverErrors = webhookSecrets.Check(definition);
        var hash = WorkflowContentHash.Compute(definition);
        var planning = WorkflowPlanner.TryPlan(definition, inputs, limits);
        var diagnostics = validation.Diagnostics.Concat(serverErrors).Concat(planning.Diagnostics).ToList();
        return planning.Plan is { } plan && serverErrors.Count == 0
            ? new WorkflowCheck(true, diagnostics, definition.Name, hash, PlanRenderer.Render(plan))
            : new WorkflowCheck(false, diagnostics, definition.Name, hash, "");
    }
}
