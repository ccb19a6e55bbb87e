using System.Collections.Concurrent;
using System.Text;
using ControlPlane.Core.Notifications;
using ControlPlane.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;

namespace ControlPlane.Server.Notifications;

/// <summary>
/// The delivery loop: takes due outbox rows and POSTs them, one request at a time per endpoint and endpoints in
/// parallel, so a slow or dead endpoint holds up only its own deliveries. Every attempt is recorded with its outcome;
/// failures back off exponentially up to <see cref="NotificationOptions.MaxAttempts"/>, then the delivery is dead.
/// While an endpoint's circuit is open its deliveries are put off to the end of the break, not failed.
/// </summary>
public sealed class NotificationSender : BackgroundService
{
    private readonly IStore _store;
    private readonly NotificationOptions _options;
    private readonly TimeProvider _time;
    private readonly NotificationMetrics _metrics;
    private readonly ILogger<NotificationSender> _logger;
    private readonly WebhookPoster _poster;
    private readonly EndpointBreakers _breakers;
    private readonly ConcurrentDictionary<string, Task> _busy = new(StringComparer.Ordinal);
    private readonly Random _jitter = new();

    public NotificationSender(IStore store, NotificationSettings settings, TimeProvider time, NotificationMetrics metrics, ILogger<NotificationSender> logger)
    {
        _store = store;
        _options = settings.Options;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _poster = new WebhookPoster(_options.Timeout);
        _breakers = new EndpointBreakers(_options, time, logger);
    }

    public override void Dispose()
    {
        _poster.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DispatchDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                NotificationLog.LoopFailed(_logger, e, "delivery", _options.PollInterval);
            }

            try
            {
                await Task.Delay(_options.PollInterval, _time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
        }

        await Task.WhenAll(_busy.Values);
    }

    private async Task DispatchDueAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<NotificationDeliveryRecord> due;
        await using (var read = await _store.BeginReadAsync(cancellationToken))
        {
            due = await read.Notifications.ListDueAsync(_time.GetUtcNow(), _options.BatchSize, cancellationToken);
        }

        foreach (var group in due.GroupBy(d => d.Target.EndpointName, StringComparer.Ordinal))
        {
            // Only the loop adds entries; a finished entry frees its endpoint (entries are never removed by the
            // sender itself, which could otherwise finish before its entry was added).
            if (_busy.TryGetValue(group.Key, out var running) && !running.IsCompleted)
            {
                continue;
            }

            var deliveries = group.ToList();
            _busy[group.Key] = Task.Run(() => SendAllAsync(group.Key, deliveries, cancellationToken), CancellationToken.None);
        }
    }

    // One endpoint's due deliveries, in order; the endpoint is free for the next round when this ends.
    private async Task SendAllAsync(string endpoint, List<NotificationDeliveryRecord> deliveries, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var delivery in deliveries)
            {
                await SendAsync(endpoint, delivery, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the delivery stays pending and is sent after the restart.
        }
        catch (Exception e)
        {
            NotificationLog.LoopFailed(_logger, e, "delivery", _options.PollInterval);
        }
    }

    private async Task SendAsync(string endpoint, NotificationDeliveryRecord delivery, CancellationToken cancellationToken)
    {
        var at = _time.GetUtcNow();
        WebhookResult result;
        if (Resolve(delivery) is not { } request)
        {
            result = new WebhookResult(null, Unresolved(delivery), TimeSpan.Zero);
        }
        else
        {
            try
            {
                result = await _breakers.For(request.Url.AbsoluteUri, endpoint).ExecuteAsync(ct => new ValueTask<WebhookResult>(_poster.PostAsync(request, ct)), cancellationToken);
            }
            catch (BrokenCircuitException open)
            {
                await DeferAsync(delivery, at + (open.RetryAfter ?? _options.BreakDuration), cancellationToken);
                return;
            }
        }

        await RecordAsync(endpoint, delivery, at, result, cancellationToken);
    }

    private WebhookRequest? Resolve(NotificationDeliveryRecord delivery)
    {
        var target = delivery.Target;
        var url = target.Url ?? Environment.GetEnvironmentVariable(target.UrlEnv!);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return null;
        }

        byte[]? secret = null;
        if (target.SecretEnv is { } secretEnv)
        {
            var value = Environment.GetEnvironmentVariable(secretEnv);
            if (string.IsNullOrEmpty(value))
            {
                return null;
            }

            secret = Encoding.UTF8.GetBytes(value);
        }

        var body = NotificationPayloads.Stamp(delivery.Body, target.Format, _time.GetUtcNow());
        return new WebhookRequest(uri, body, delivery.Event, delivery.Id.Value, secret);
    }

    private static string Unresolved(NotificationDeliveryRecord delivery)
    {
        var target = delivery.Target;
        if (target.Url is null && !Uri.TryCreate(Environment.GetEnvironmentVariable(target.UrlEnv!), UriKind.Absolute, out _))
        {
            return $"environment variable {target.UrlEnv} does not hold an http or https URL";
        }

        return $"environment variable {target.SecretEnv} (the signing secret) is not set";
    }

    private async Task DeferAsync(NotificationDeliveryRecord delivery, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var unit = await _store.BeginAsync(cancellationToken);
        await unit.Notifications.DeferAsync(delivery.Id, until, cancellationToken);
        await unit.CommitAsync(cancellationToken);
    }

    private async Task RecordAsync(string endpoint, NotificationDeliveryRecord delivery, DateTimeOffset at, WebhookResult result, CancellationToken cancellationToken)
    {
        var number = delivery.Attempts + 1;
        var attempt = new NotificationAttemptRecord(delivery.Id, number, at, result.StatusCode, result.Error, result.Duration);
        var retryAt = _time.GetUtcNow() + DeliveryBackoff.Delay(number, _options.BackoffBase, _options.BackoffMax, _jitter);
        var next = result.Succeeded ? DeliveryState.Delivered : number >= _options.MaxAttempts ? DeliveryState.Dead : DeliveryState.Pending;
        await using (var unit = await _store.BeginAsync(cancellationToken))
        {
            await unit.Notifications.RecordAttemptAsync(new NotificationAttemptResult(attempt, next, next == DeliveryState.Pending ? retryAt : null), cancellationToken);
            await unit.CommitAsync(cancellationToken);
        }

        var runId = delivery.RunId?.Value;
        switch (next)
        {
            case DeliveryState.Delivered:
                _metrics.Delivered(delivery.Event);
                NotificationLog.Delivered(_logger, delivery.Id.Value, delivery.Event, runId, endpoint, number);
                break;
            case DeliveryState.Dead:
                _metrics.Failed(delivery.Event);
                _metrics.GaveUp(delivery.Event);
                NotificationLog.Dead(_logger, delivery.Id.Value, delivery.Event, runId, endpoint, number, result.Error!);
                break;
            default:
                _metrics.Failed(delivery.Event);
                NotificationLog.AttemptFailed(_logger, delivery.Id.Value, delivery.Event, runId, endpoint, number, result.Error!, retryAt);
                break;
        }
    }
}
