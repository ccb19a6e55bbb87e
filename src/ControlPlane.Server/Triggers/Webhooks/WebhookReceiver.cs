using ControlPlane.Core.Auth;
using ControlPlane.Core.Definitions;
using ControlPlane.Core.Diagnostics;
using ControlPlane.Core.Expressions.Evaluation;
using ControlPlane.Core.Expressions.Syntax;
using ControlPlane.Core.Runs;
using ControlPlane.Core.Storage;
using ControlPlane.Core.Triggers;
using ControlPlane.Server.Auth;
using ControlPlane.Server.Hosting;
using ControlPlane.Server.Scheduling;
using ControlPlane.Server.Scheduling.Runs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ControlPlane.Server.Triggers.Webhooks;

/// <summary>
/// Turns a webhook delivery into a run: finds the workflow's webhook trigger (404 without one), authenticates the
/// delivery by its body signature or an operator's bearer token (401/403), parses the body as the <c>event</c> (400),
/// applies the trigger's filter (202 when false) and starts the run with the payload stored as its event (201). The
/// delivery id makes the idempotency key <c>webhook:&lt;workflow&gt;:&lt;id&gt;</c>, so a redelivery answers 200 with
/// the run the first delivery started.
/// </summary>
public sealed class WebhookReceiver
{
    /// <summary>Delivery ids longer than this are refused: they become part of a stored key.</summary>
    public const int MaxDeliveryIdLength = 200;

    private const string Scheme = "Bearer ";

    private readonly IStore _store;
    private readonly SpecCache _specs;
    private readonly RunLauncher _launcher;
    private readonly ApiTokenResolver _tokens;
    private readonly bool _dev;
    private readonly ILogger<WebhookReceiver> _logger;

    public WebhookReceiver(IStore store, SpecCache specs, RunLauncher launcher, ApiTokenResolver tokens, IOptions<ServerOptions> server, ILogger<WebhookReceiver> logger)
    {
        _store = store;
        _specs = specs;
        _launcher = launcher;
        _tokens = tokens;
        _dev = server.Value.Dev;
        _logger = logger;
    }

    /// <summary>Reads the secret a webhook's <c>secret_env</c> names; the process environment unless replaced.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    public async Task<WebhookResponse> ReceiveAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var response = await DecideAsync(delivery, cancellationToken);
        if (response.ErrorMessage is { } error)
        {
            TriggerLog.WebhookRefused(_logger, delivery.Workflow, response.StatusCode, error);
        }

        return response;
    }

    private async Task<WebhookResponse> DecideAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var trigger = await FindTriggerAsync(delivery.Workflow, cancellationToken);
        if (trigger is null)
        {
            return WebhookResponse.Error(404, $"workflow '{delivery.Workflow}' does not exist or has no webhook trigger (on.webhook)");
        }

        if (await AuthenticateAsync(delivery, trigger, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (delivery.DeliveryId is { } id && (id.Length > MaxDeliveryIdLength || id.Any(c => c < 0x21 || c > 0x7E)))
        {
            return WebhookResponse.Error(400, $"the delivery id header must be 1 to {MaxDeliveryIdLength} visible ASCII characters");
        }

        WebhookPayload payload;
        try
        {
            payload = WebhookPayload.Parse(delivery.Body);
        }
        catch (WebhookPayloadException e)
        {
            return WebhookResponse.Error(400, e.Message);
        }

        var deliveryId = string.IsNullOrEmpty(delivery.DeliveryId) ? "-" : delivery.DeliveryId;
        try
        {
            if (!WebhookFilter.Matches(trigger.Filter, payload))
            {
                var reason = $"the filter '{trigger.Filter}' is false for this event";
                TriggerLog.WebhookFiltered(_logger, delivery.Workflow, deliveryId, reason);
                return new WebhookResponse(202, new Dictionary<string, object?> { ["started"] = false, ["reason"] = reason });
            }
        }
        catch (Exception e) when (e is ExpressionEvaluationException or ExpressionSyntaxException)
        {
            return WebhookResponse.Error(422, $"the webhook filter '{trigger.Filter}' cannot be evaluated for this event: {e.Message}");
        }

        return await StartAsync(delivery, payload, deliveryId, cancellationToken);
    }

    private async Task<WebhookResponse> StartAsync(WebhookDelivery delivery, WebhookPayload payload, string deliveryId, CancellationToken cancellationToken)
    {
        var key = string.IsNullOrEmpty(delivery.DeliveryId) ? null : $"webhook:{delivery.Workflow}:{delivery.DeliveryId}";
        var request = new RunStartRequest(delivery.Workflow, null, new Dictionary<string, string>(), key, 0)
        {
            Origin = RunOrigin.Webhook,
            EventJson = payload.Json,
        };
        RunLaunch launch;
        try
        {
            launch = await _launcher.StartAsync(request, null, cancellationToken);
        }
        catch (WorkflowValidationException e)
        {
            return WebhookResponse.Error(422, $"the run cannot start: {e.Message}");
        }
        catch (IdempotencyKeyConflictException e)
        {
            return WebhookResponse.Error(409, e.Message);
        }
        catch (WorkflowNotFoundException e)
        {
            return WebhookResponse.Error(404, e.Message);
        }

        TriggerLog.WebhookStartedRun(_logger, delivery.Workflow, deliveryId, launch.Run.Id.Value, launch.Created);
        return new WebhookResponse(launch.Created ? 201 : 200, new Dictionary<string, object?>
        {
            ["started"] = true,
            ["run_id"] = launch.Run.Id.Value,
            ["workflow"] = delivery.Workflow,
            ["created"] = launch.Created,
        });
    }

    private async Task<WebhookResponse?> AuthenticateAsync(WebhookDelivery delivery, WebhookTrigger trigger, CancellationToken cancellationToken)
    {
        if (delivery.Signature is { } signature)
        {
            if (trigger.SecretEnv is not { } variable)
            {
                return WebhookResponse.Error(401, $"workflow '{delivery.Workflow}' has no webhook secret_env to verify signatures with; use 'Authorization: Bearer <API token>'");
            }

            if (Environment(variable) is not { Length: > 0 } secret)
            {
                return WebhookResponse.Error(500, $"the server's environment variable {variable} (the webhook secret of '{delivery.Workflow}') is not set, so signatures cannot be verified");
            }

            return WebhookSignature.Verify(secret, delivery.Body.Span, signature)
                ? null
                : WebhookResponse.Error(401, "the X-Hub-Signature-256 header does not match the body (expected sha256=<hex HMAC-SHA256 of the raw body with the webhook secret>)");
        }

        if (delivery.Authorization is { } header && header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            var token = await _tokens.ResolveAsync(header[Scheme.Length..].Trim(), cancellationToken);
            return token is null ? WebhookResponse.Error(401, "the API token is unknown, expired or revoked")
                : token.Role is ApiTokenRole.Admin or ApiTokenRole.Operator ? null
                : WebhookResponse.Error(403, $"starting a run by webhook needs the operator role or higher; token '{token.Name}' has the {token.Role.ToString().ToLowerInvariant()} role");
        }

        return _dev ? null : WebhookResponse.Error(401, trigger.SecretEnv is null
            ? "this webhook needs 'Authorization: Bearer <API token>' (the workflow has no secret_env for signatures)"
            : "this webhook needs an 'X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>' header or 'Authorization: Bearer <API token>'");
    }

    private async Task<WebhookTrigger?> FindTriggerAsync(string workflow, CancellationToken cancellationToken)
    {
        await using var unit = await _store.BeginReadAsync(cancellationToken);
        var record = await unit.Workflows.FindByNameAsync(workflow, cancellationToken);
        var revision = record is null ? null : await unit.Workflows.FindLatestRevisionAsync(record.Id, cancellationToken);
        return revision is null ? null : _specs.Definition(revision).Triggers.Webhook;
    }
}
