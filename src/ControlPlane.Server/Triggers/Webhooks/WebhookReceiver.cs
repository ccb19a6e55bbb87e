using ControlPlane.Core.Definitions;
using ControlPlane.Core.Diagnostics;
using ControlPlane.Core.Expressions.Evaluation;
using ControlPlane.Core.Expressions.Syntax;
using ControlPlane.Core.Runs;
using ControlPlane.Core.Storage;
using ControlPlane.Core.Triggers;
using ControlPlane.Server.Scheduling;
using ControlPlane.Server.Scheduling.Runs;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Server.Triggers.Webhooks;

/// <summary>
/// Turns a webhook delivery into a run: refuses a throttled sender (429), finds the workflow's webhook trigger (404
/// without one), authenticates the delivery by its body signature or an operator's bearer token (401/403, see
/// <see cref="WebhookAuthenticator"/>), answers a replayed signed body as a redelivery (see
/// <see cref="SignedDeliveryLedger"/>), parses the body as the <c>event</c> (400), applies the trigger's filter (202
/// when false) and starts the run with the payload stored as its event (201). The delivery id makes the idempotency
/// key <c>webhook:&lt;workflow&gt;:&lt;id&gt;</c>, so a redelivery answers 200 with the run the first delivery started.
/// </summary>
public sealed class WebhookReceiver
{
    /// <summary>Delivery ids longer than this are refused: they become part of a stored key.</summary>
    public const int MaxDeliveryIdLength = 200;

    private readonly IStore _store;
    private readonly SpecCache _specs;
    private readonly RunLauncher _launcher;
    private readonly WebhookAuthenticator _authenticator;
    private readonly SignedDeliveryLedger _ledger;
    private readonly ILogger<WebhookReceiver> _logger;

    public WebhookReceiver(IStore store, SpecCache specs, RunLauncher launcher, WebhookAuthenticator authenticator, SignedDeliveryLedger ledger, ILogger<WebhookReceiver> logger)
    {
        _store = store;
        _specs = specs;
        _launcher = launcher;
        _authenticator = authenticator;
        _ledger = ledger;
        _logger = logger;
    }

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
        if (_authenticator.Throttled(delivery) is { } throttled)
        {
            return throttled;
        }

        var trigger = await FindTriggerAsync(delivery.Workflow, cancellationToken);
        if (trigger is null)
        {
            return WebhookResponse.Error(404, $"workflow '{delivery.Workflow}' does not exist or has no webhook trigger (on.webhook)");
        }

        var authentication = await _authenticator.AuthenticateAsync(delivery, trigger, cancellationToken);
        if (authentication.Refusal is { } refused)
        {
            return refused;
        }

        if (delivery.DeliveryId is { } id && (id.Length > MaxDeliveryIdLength || id.Any(c => c < 0x21 || c > 0x7E)))
        {
            return WebhookResponse.Error(400, $"the delivery id header must be 1 to {MaxDeliveryIdLength} visible ASCII characters");
        }

        var deliveryId = string.IsNullOrEmpty(delivery.DeliveryId) ? "-" : delivery.DeliveryId;

        // Only a verified signature ties a body to its sender; a token holder may start runs at will anyway.
        var digest = authentication.Signed ? SignedDeliveryLedger.Digest(delivery.Body.Span) : null;
        if (digest is not null && await _ledger.FindAsync(delivery.Workflow, digest, cancellationToken) is { } earlier)
        {
            return Replayed(delivery, deliveryId, earlier);
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

        try
        {
            if (!WebhookFilter.Matches(trigger.Filter, payload))
            {
                var reason = $"the filter '{trigger.Filter}' is false for this event";
                TriggerLog.WebhookFiltered(_logger, delivery.Workflow, deliveryId, reason);
                if (digest is not null)
                {
                    await _ledger.RecordAsync(delivery.Workflow, digest, cancellationToken);
                }

                return new WebhookResponse(202, new Dictionary<string, object?> { ["started"] = false, ["reason"] = reason });
            }
        }
        catch (Exception e) when (e is ExpressionEvaluationException or ExpressionSyntaxException)
        {
            return WebhookResponse.Error(422, $"the webhook filter '{trigger.Filter}' cannot be evaluated for this event: {e.Message}");
        }
        catch (SignedDeliveryReplayedException e)
        {
            return Replayed(delivery, deliveryId, e.Earlier);
        }

        return await StartAsync(delivery, payload, deliveryId, digest, cancellationToken);
    }

    private async Task<WebhookResponse> StartAsync(WebhookDelivery delivery, WebhookPayload payload, string deliveryId, byte[]? digest, CancellationToken cancellationToken)
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
            launch = await _launcher.StartAsync(
                request,
                digest is null ? null : (unit, run, ct) => _ledger.RecordAsync(unit, delivery.Workflow, digest, run.Id, ct),
                cancellationToken);
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
        catch (SignedDeliveryReplayedException e)
        {
            return Replayed(delivery, deliveryId, e.Earlier);
        }

        TriggerLog.WebhookStartedRun(_logger, delivery.Workflow, deliveryId, launch.Run.Id.Value, launch.Created);
        return Started(delivery.Workflow, launch.Run.Id, launch.Created);
    }

    private WebhookResponse Replayed(WebhookDelivery delivery, string deliveryId, SignedDeliveryRecord earlier)
    {
        TriggerLog.WebhookReplayed(_logger, delivery.Workflow, deliveryId, earlier.ReceivedAt, earlier.RunId?.Value);
        return earlier.RunId is { } runId
            ? Started(delivery.Workflow, runId, created: false)
            : new WebhookResponse(202, new Dictionary<string, object?>
            {
                ["started"] = false,
                ["reason"] = $"an identical signed delivery was received at {earlier.ReceivedAt:O} and started no run",
            });
    }

    private static WebhookResponse Started(string workflow, RunId runId, bool created) =>
        new(created ? 201 : 200, new Dictionary<string, object?>
        {
            ["started"] = true,
            ["run_id"] = runId.Value,
            ["workflow"] = workflow,
            ["created"] = created,
        });

    private async Task<WebhookTrigger?> FindTriggerAsync(string workflow, CancellationToken cancellationToken)
    {
        await using var unit = await _store.BeginReadAsync(cancellationToken);
        var record = await unit.Workflows.FindByNameAsync(workflow, cancellationToken);
        var revision = record is null ? null : await unit.Workflows.FindLatestRevisionAsync(record.Id, cancellationToken);
        return revision is null ? null : _specs.Definition(revision).Triggers.Webhook;
    }
}
