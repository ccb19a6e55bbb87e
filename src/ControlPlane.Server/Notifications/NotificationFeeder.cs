using ControlPlane.Core.Definitions;
using ControlPlane.Core.Notifications;
using ControlPlane.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Server.Notifications;

/// <summary>
/// Tails the event log from a cursor kept in the store and turns run and step events into outbox rows. Everything
/// is read in a read unit of work (never holding the write lock); then one short write inserts the deliveries and
/// alert firings and advances the cursor, so an event is enqueued exactly once across crashes and restarts, and the
/// scheduler's transactions are never waited on for longer than those inserts.
/// </summary>
public sealed class NotificationFeeder : BackgroundService
{
    private readonly IStore _store;
    private readonly NotificationSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger<NotificationFeeder> _logger;
    private readonly NoticeReader _reader = new();
    private readonly AlertEvaluator _alerts;
    private DateTimeOffset _nextDurationCheck;

    public NotificationFeeder(IStore store, NotificationSettings settings, TimeProvider time, ILogger<NotificationFeeder> logger)
    {
        _store = store;
        _settings = settings;
        _time = time;
        _logger = logger;
        _alerts = new AlertEvaluator(settings.Alerts, time);
    }

    /// <summary>Handles the events after the cursor, one batch; for tests and the loop.</summary>
    /// <returns>True when a full batch was handled (more may be waiting).</returns>
    public async Task<bool> FeedOnceAsync(CancellationToken cancellationToken)
    {
        var deliveries = new List<NewNotificationDelivery>();
        var alerts = new List<AlertCandidate>();
        long last;
        int count;
        await using (var read = await _store.BeginReadAsync(cancellationToken))
        {
            var cursor = await read.Notifications.GetCursorAsync(cancellationToken);
            var events = await read.Events.ReadAfterAsync(cursor, _settings.Options.BatchSize, cancellationToken);
            if (events.Count == 0)
            {
                return false;
            }

            count = events.Count;
            last = events[^1].Sequence;
            var now = _time.GetUtcNow();
            foreach (var record in events)
            {
                if (NotificationEventKinds.Classify(record) is not { } kind || await _reader.ReadAsync(read, record, kind.Event, cancellationToken) is not { } notice)
                {
                    continue;
                }

                var own = await _reader.TargetsAsync(read, notice.Run.RevisionId, cancellationToken);
                foreach (var target in _settings.Defaults.Concat(own).Where(t => t.On.HasFlag(kind.Flag)))
                {
                    deliveries.Add(new NewNotificationDelivery(kind.Event, record.Sequence, notice.Run.Id, target, NotificationPayloads.Render(notice, target.Format), now));
                }

                if (NotificationEventKinds.EndsRun(kind.Event))
                {
                    alerts.AddRange(await _alerts.OnRunEndedAsync(read, notice, record.At, cancellationToken));
                }
            }
        }

        var queued = await WriteAsync(deliveries, alerts, last, cancellationToken);
        NotificationLog.Queued(_logger, queued, last);
        return count == _settings.Options.BatchSize;
    }

    /// <summary>Looks at running runs for DurationAboveMedian rules; for tests and the loop.</summary>
    public async Task CheckDurationsAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<AlertCandidate> alerts;
        await using (var read = await _store.BeginReadAsync(cancellationToken))
        {
            alerts = await _alerts.CheckDurationsAsync(read, _reader, cancellationToken);
        }

        if (alerts.Count > 0)
        {
            await WriteAsync([], alerts, null, cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var more = false;
            try
            {
                more = await FeedOnceAsync(stoppingToken);
                if (_alerts.HasDurationRules && _time.GetUtcNow() >= _nextDurationCheck)
                {
                    _nextDurationCheck = _time.GetUtcNow() + _settings.Alerts.CheckInterval;
                    await CheckDurationsAsync(stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // A store hiccup must not end notifications for the life of the process; the cursor makes a retry safe.
                NotificationLog.LoopFailed(_logger, e, "feed", _settings.Options.PollInterval);
            }

            if (!more)
            {
                await Delay(_settings.Options.PollInterval, stoppingToken);
            }
        }
    }

    private async Task<int> WriteAsync(List<NewNotificationDelivery> deliveries, IReadOnlyList<AlertCandidate> alerts, long? cursor, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var fired = new List<AlertCandidate>();
        await using var unit = await _store.BeginAsync(cancellationToken);
        foreach (var alert in alerts)
        {
            var rule = alert.Notice.Rule;
            if (!await unit.Notifications.TryFireAlertAsync(rule.Name, alert.Subject, now, rule.Window, cancellationToken))
            {
                continue;
            }

            fired.Add(alert);
            foreach (var target in _settings.AlertTargets)
            {
                deliveries.Add(new NewNotificationDelivery(alert.Notice.Event, null, alert.Notice.Run?.Run.Id, target, NotificationPayloads.Render(alert.Notice, target.Format), now));
            }
        }

        foreach (var delivery in deliveries)
        {
            await unit.Notifications.EnqueueAsync(delivery, cancellationToken);
        }

        if (cursor is { } sequence)
        {
            await unit.Notifications.SetCursorAsync(sequence, cancellationToken);
        }

        await unit.CommitAsync(cancellationToken);
        foreach (var alert in fired)
        {
            NotificationLog.AlertFired(_logger, alert.Notice.Rule.Name, alert.Subject, alert.Notice.Message);
        }

        return deliveries.Count;
    }

    private async Task Delay(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, _time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
