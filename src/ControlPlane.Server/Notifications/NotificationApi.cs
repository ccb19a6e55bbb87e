using ControlPlane.Contracts.V1;
using ControlPlane.Core.Notifications;
using ControlPlane.Core.Runs;
using ControlPlane.Server.Api;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace ControlPlane.Server.Notifications;

/// <summary>gRPC adapter for controlplane.v1.NotificationService: deliveries and their attempts.</summary>
public sealed class NotificationApi : NotificationService.NotificationServiceBase
{
    private readonly NotificationQueries _queries;
    private readonly ApiOptions _options;

    public NotificationApi(NotificationQueries queries, IOptions<ApiOptions> options)
    {
        _queries = queries;
        _options = options.Value;
    }

    public override async Task<ListNotificationDeliveriesResponse> ListNotificationDeliveries(ListNotificationDeliveriesRequest request, ServerCallContext context)
    {
        if (request.RunId < 0)
        {
            throw new ApiArgumentException("run_id", $"must not be negative, not {request.RunId}");
        }

        var query = new NotificationDeliveryQuery(
            PageSize(request.PageSize),
            request.RunId > 0 ? new RunId(request.RunId) : null,
            NotificationMessages.ToCore(request.State),
            NotificationMessages.ParseToken(request.PageToken));
        var (deliveries, attempts, next) = await _queries.ListAsync(query, context.CancellationToken);
        var byDelivery = attempts.ToLookup(a => a.DeliveryId);
        return new ListNotificationDeliveriesResponse
        {
            Deliveries = { deliveries.Select(d => NotificationMessages.ToProto(d, byDelivery[d.Id])) },
            NextPageToken = NotificationMessages.FormatToken(next),
        };
    }

    private int PageSize(int requested) => requested switch
    {
        0 => _options.DefaultPageSize,
        < 0 => throw new ApiArgumentException("page_size", $"must not be negative, not {requested}"),
        _ => Math.Min(requested, _options.MaxPageSize),
    };
}
