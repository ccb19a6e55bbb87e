using ControlPlane.Contracts.V1;
using ControlPlane.Server.Queries;

namespace ControlPlane.Server.Api;

/// <summary>Maps a run's events to WatchRunResponse.</summary>
internal static class WatchMessages
{
    public static WatchRunResponse ToProto(RunEvent item)
    {
        var row = item.Event;
        return new WatchRunResponse
        {
            Sequence = row.Sequence,
            At = ProtoTime.From(row.At),
            Entity = row.Entity,
            Kind = row.Kind,
            StepId = row.StepId?.Value ?? 0,
            StepKey = item.StepKey ?? "",
            AttemptId = row.AttemptId?.Value ?? 0,
            AttemptNumber = item.AttemptNumber ?? 0,
            FromState = row.FromState ?? "",
            ToState = row.ToState ?? "",
            RunState = RunMessages.ToProto(item.RunState),
            DataJson = row.DataJson ?? "",
        };
    }
}
