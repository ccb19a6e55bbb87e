using ControlPlane.Contracts.V1;
using ControlPlane.Server.Stats;
using Google.Protobuf.WellKnownTypes;

namespace ControlPlane.Server.Api;

/// <summary>Maps <see cref="RunStats"/> to controlplane.v1.GetStatsResponse.</summary>
public static class StatsMessages
{
    public static GetStatsResponse ToProto(RunStats stats)
    {
        ArgumentNullException.ThrowIfNull(stats);
        var response = new GetStatsResponse
        {
            Since = Timestamp.FromDateTimeOffset(stats.Since),
            RunsTotal = stats.RunsTotal,
            RunsFinished = stats.RunsFinished,
            SuccessRate = stats.SuccessRate,
            P50Duration = ProtoTime.From(stats.P50Duration),
            P95Duration = ProtoTime.From(stats.P95Duration),
        };
        response.RunsByState.Add(stats.RunsByState.OrderBy(p => p.Key).Select(p => new RunStateCount { State = RunMessages.ToProto(p.Key), Count = p.Value }));
        response.StepFailures.Add(stats.StepFailures.Select(f => new StepFailureCount { StepKey = f.StepKey, FailedSteps = f.FailedSteps, FailedAttempts = f.FailedAttempts }));
        return response;
    }
}
