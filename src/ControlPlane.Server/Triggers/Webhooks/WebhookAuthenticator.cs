using ControlPlane.Core.Auth;
using ControlPlane.Core.Definitions;
using ControlPlane.Server.Auth;
using ControlPlane.Server.Hosting;
using ControlPlane.Server.Runners;
using Microsoft.Extensions.Options;

namespace ControlPlane.Server.Triggers.Webhooks;

/// <summary>
/// Decides who sent a delivery: a body signature with the server secret the trigger names (<c>on.webhook.secret</c>),
/// or an operator's bearer token. Failures count towards the sender's address in <see cref="AuthFailureLimiter"/>;
/// a throttled address is refused before anything else is looked at.
/// </summary>
public sealed class WebhookAuthenticator
{
    private const string Scheme = "Bearer ";

    private readonly ApiTokenResolver _tokens;
    private readonly AuthFailureLimiter _failures;
    private readonly SecretValues _secrets;
    private readonly bool _dev;

    public WebhookAuthenticator(ApiTokenResolver tokens, AuthFailureLimiter failures, SecretValues secrets, IOptions<ServerOptions> server)
    {
        _tokens = tokens;
        _failures = failures;
        _secrets = secrets;
        _dev = server.Value.Dev;
    }

    /// <returns>429 when the sender's address is throttled; null otherwise. Touches no store.</returns>
    public WebhookResponse? Throttled(WebhookDelivery delivery)
    {
        try
        {
            _failures.ThrowIfThrottled(delivery.Client);
            return null;
        }
        catch (AuthThrottledException e)
        {
            return WebhookResponse.Throttled(e);
        }
    }

    /// <returns>The outcome: a refusal (401, 403, 503), or accepted, and whether by a verified signature.</returns>
    public async Task<WebhookAuthentication> AuthenticateAsync(WebhookDelivery delivery, WebhookTrigger trigger, CancellationToken cancellationToken)
    {
        var outcome = await DecideAsync(delivery, trigger, cancellationToken);
        if (outcome.Refusal is { StatusCode: 401 })
        {
            _failures.RecordFailure(delivery.Client);
        }

        return outcome;
    }

    private async Task<WebhookAuthentication> DecideAsync(WebhookDelivery delivery, WebhookTrigger trigger, CancellationToken cancellationToken)
    {
        if (delivery.Signature is { } signature)
        {
            if (trigger.Secret is not { } name)
            {
                return Refuse(401, $"workflow '{delivery.Workflow}' has no webhook secret (on.webhook.secret) to verify signatures with; use 'Authorization: Bearer <API token>'");
            }

            // Checked when the workflow was applied; gone only if the server restarted with other secrets since.
            if (!_secrets.TryGet(name, out var secret) || secret.Length == 0)
            {
                return Refuse(503, $"the server's secrets file has no secret '{name}' (on.webhook.secret of '{delivery.Workflow}'), so signatures cannot be verified; an operator must add it and restart the server");
            }

            return WebhookSignature.Verify(secret, delivery.Body.Span, signature)
                ? WebhookAuthentication.BySignature
                : Refuse(401, "the X-Hub-Signature-256 header does not match the body (expected sha256=<hex HMAC-SHA256 of the raw body with the webhook secret>)");
        }

        if (delivery.Authorization is { } header && header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            var token = await _tokens.ResolveAsync(header[Scheme.Length..].Trim(), cancellationToken);
            return token is null ? Refuse(401, "the API token is unknown, expired or revoked")
                : token.Role is ApiTokenRole.Admin or ApiTokenRole.Operator ? WebhookAuthentication.ByToken
                : Refuse(403, $"starting a run by webhook needs the operator role or higher; token '{token.Name}' has the {token.Role.ToString().ToLowerInvariant()} role");
        }

        return _dev ? WebhookAuthentication.ByToken : Refuse(401, trigger.Secret is null
            ? "this webhook needs 'Authorization: Bearer <API token>' (the workflow has no on.webhook.secret for signatures)"
            : "this webhook needs an 'X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>' header or 'Authorization: Bearer <API token>'");
    }

    private static WebhookAuthentication Refuse(int statusCode, string message) => new(WebhookResponse.Error(statusCode, message), false);
}
