using ControlPlane.Core.Definitions;
using ControlPlane.Core.Diagnostics;
using ControlPlane.Server.Runners;

namespace ControlPlane.Server.Triggers.Webhooks;

/// <summary>
/// The check only the server can make when a workflow is applied or validated: the secret <c>on.webhook.secret</c>
/// names must be one of its secrets (the <c>--secrets-file</c>), so a delivery never meets a missing secret.
/// </summary>
public sealed class WebhookSecretRule(SecretValues secrets)
{
    /// <returns>An error for a webhook secret the server does not have (or has empty); none otherwise.</returns>
    public IReadOnlyList<Diagnostic> Check(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.Triggers.Webhook is not { Secret: { } name } webhook)
        {
            return [];
        }

        var problem = !secrets.TryGet(name, out var value) ? "has no secret"
            : value.Length == 0 ? "has an empty secret"
            : null;
        return problem is null
            ? []
            : [new Diagnostic(
                DiagnosticCodes.UnknownServerSecret,
                DiagnosticSeverity.Error,
                webhook.SecretLocation,
                "on.webhook.secret",
                $"the server {problem} '{name}'; webhook secrets come from the server's --secrets-file, so add '{name}' there (and restart the server) or name a secret it has")];
    }
}
