using ControlPlane.Core.Diagnostics;

namespace ControlPlane.Core.Definitions;

/// <summary>Starts a run when a webhook arrives.</summary>
/// <param name="Secret">
/// The name of the server secret (an entry of the server's secrets file, as for <c>secrets.&lt;name&gt;</c> in steps)
/// holding the HMAC key deliveries are signed with; null when deliveries authenticate with an API token only.
/// </param>
/// <param name="Filter">A condition over the <c>event</c> context; requests for which it is false are ignored.</param>
public sealed record WebhookTrigger(string? Secret, string? Filter)
{
    /// <summary>Where <c>secret:</c> is written, for diagnostics about the secret it names (e.g. one the server lacks).</summary>
    public SourceLocation SecretLocation { get; init; }
}
