using System.Globalization;
using ControlPlane.Contracts.V1;
using ControlPlane.Core.Notifications;
using ControlPlane.Core.StateMachines;
using ControlPlane.Server.Api;

namespace ControlPlane.Server.Notifications;

/// <summary>Maps deliveries, their states and page tokens between the store and NotificationService messages.</summary>
internal static class NotificationMessages
{
    public static NotificationDelivery ToProto(NotificationDeliveryRecord delivery, IEnumerable<NotificationAttemptRecord> attempts) => new()
    {
        Id = delivery.Id.Value,
        Event = delivery.Event,
        RunId = delivery.RunId?.Value ?? 0,
        Endpoint = delivery.Target.EndpointName,
        Format = EnumText.ToText(delivery.Target.Format),
        State = ToProto(delivery.State),
        AttemptCount = delivery.Attempts,
        CreatedAt = ProtoTime.From(delivery.CreatedAt),
        NextAttemptAt = delivery.State == DeliveryState.Pending ? ProtoTime.From(delivery.NextAttemptAt) : null,
        FinishedAt = ProtoTime.From(delivery.FinishedAt),
        LastError = delivery.LastError ?? "",
        Body = delivery.Body,
        Attempts = { attempts.Select(ToProto) },
    };

    public static DeliveryState? ToCore(NotificationDeliveryState state) => state switch
    {
        NotificationDeliveryState.Unspecified => null,
        NotificationDeliveryState.Pending => DeliveryState.Pending,
        NotificationDeliveryState.Delivered => DeliveryState.Delivered,
        NotificationDeliveryState.Dead => DeliveryState.Dead,
        _ => throw new ApiArgumentException("state", $"unknown delivery state {(int)state}"),
    };

    public static string FormatToken(NotificationDeliveryId? next) => next is { } id ? "d" + id : "";

    /// <exception cref="ApiArgumentException">Not a token ListNotificationDeliveries returned.</exception>
    public static NotificationDeliveryId? ParseToken(string token)
    {
        if (token.Length == 0)
        {
            return null;
        }

        return token.StartsWith('d') && long.TryParse(token.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? new NotificationDeliveryId(id)
            : throw new ApiArgumentException("page_token", $"'{token}' is not a token ListNotificationDeliveries returned");
    }

    private static NotificationDeliveryState ToProto(DeliveryState state) => state switch
    {
        DeliveryState.Pending => NotificationDeliveryState.Pending,
        DeliveryState.Delivered => NotificationDeliveryState.Delivered,
        _ => NotificationDeliveryState.Dead,
    };

    private static NotificationAttempt ToProto(NotificationAttemptRecord attempt) => new()
    {
        Number = attempt.Number,
        At = ProtoTime.From(attempt.At),
        StatusCode = attempt.StatusCode ?? 0,
        Error = attempt.Error ?? "",
        Duration = ProtoTime.From(attempt.Duration),
    };
}
