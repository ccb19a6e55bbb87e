using ControlPlane.Core.Notifications;
using ControlPlane.Core.Storage;

namespace ControlPlane.Server.Notifications;

/// <summary>Reads deliveries with their attempts for the API, one page at a time.</summary>
public sealed class NotificationQueries
{
    private readonly IStore _store;

    public NotificationQueries(IStore store)
    {
        _store = store;
    }

    /// <returns>The page (newest first), the attempts of its deliveries, and where the next page starts (null on the last).</returns>
    public async Task<(IReadOnlyList<NotificationDeliveryRecord> Deliveries, IReadOnlyList<NotificationAttemptRecord> Attempts, NotificationDeliveryId? Next)> ListAsync(
        NotificationDeliveryQuery query,
        CancellationToken cancellationToken)
    {
        await using var unit = await _store.BeginReadAsync(cancellationToken);
        // One more than asked tells whether another page follows.
        var rows = await unit.Notifications.ListAsync(query with { Limit = query.Limit + 1 }, cancellationToken);
        var page = rows.Take(query.Limit).ToList();
        var attempts = await unit.Notifications.ListAttemptsAsync([.. page.Select(d => d.Id)], cancellationToken);
        return (page, attempts, rows.Count > query.Limit ? page[^1].Id : null);
    }
}
