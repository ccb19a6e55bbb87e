using ControlPlane.Contracts.V1;
using ControlPlane.Server.Stats;
using Grpc.Core;

namespace ControlPlane.Server.Api;

/// <summary>gRPC adapter for controlplane.v1.StatsService.</summary>
public sealed class StatsApi : StatsService.StatsServiceBase
{
    private readonly RunStatsQuery _query;

    public StatsApi(RunStatsQuery query)
    {
        _query = query;
    }

    public override async Task<GetStatsResponse> GetStats(GetStatsRequest request, ServerCallContext context)
    {
        var window = request.Window?.ToTimeSpan() ?? TimeSpan.Zero;
        if (window < TimeSpan.Zero)
        {
            throw new ApiArgumentException("window", $"must not be negative, not {window}");
        }

        var workflow = string.IsNullOrEmpty(request.WorkflowName) ? null : request.WorkflowName;
        var stats = await _query.GetAsync(workflow, window == TimeSpan.Zero ? RunStatsQuery.DefaultWindow : window, context.CancellationToken);
        return StatsMessages.ToProto(stats);
    }
}
