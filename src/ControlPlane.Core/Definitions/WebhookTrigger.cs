namespace ControlPlane.Core.Definitions;

/// <summary>Starts a run when a webhook arrives.</summary>
/// <param name="SecretEnv">Server environment variable holding the HMAC secret requests must be signed with.</param>
/// <param name="Filter">A condition over the <c>event</c> context; requests for which it is false are ignored.</param>
public sealed record WebhookTrigger(string? SecretEnv, string? Filter);
