using ControlPlane.Contracts.V1;
using ControlPlane.Server.Api;
using ApiTokenRecord = ControlPlane.Core.Auth.ApiTokenRecord;
using CoreRunnerState = ControlPlane.Core.Runners.RunnerState;
using DomainRole = ControlPlane.Core.Auth.ApiTokenRole;

namespace ControlPlane.Server.Admin;

/// <summary>Maps the admin API's domain types to and from their wire messages.</summary>
public static class AdminMessages
{
    public static Runner ToProto(RunnerView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var runner = view.Runner;
        var message = new Runner
        {
            Id = runner.Id.Value,
            Name = runner.Name,
            Capacity = runner.Capacity,
            Load = view.Load,
            State = runner.State switch
            {
                CoreRunnerState.Offline => RunnerState.Offline,
                CoreRunnerState.Online => RunnerState.Online,
                CoreRunnerState.Lost => RunnerState.Lost,
                _ => RunnerState.Unspecified,
            },
            Draining = runner.Draining,
            LastHeartbeatAt = ProtoTime.From(runner.LastHeartbeatAt),
            RegisteredAt = ProtoTime.From(runner.RegisteredAt),
        };
        message.Labels.AddRange(runner.Labels);
        return message;
    }

    public static ApiToken ToProto(ApiTokenRecord token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return new ApiToken
        {
            Id = token.Id.Value,
            Name = token.Name,
            Role = ToProto(token.Role),
            CreatedAt = ProtoTime.From(token.CreatedAt),
            ExpiresAt = ProtoTime.From(token.ExpiresAt),
            RevokedAt = ProtoTime.From(token.RevokedAt),
        };
    }

    public static ApiTokenRole ToProto(DomainRole role) => role switch
    {
        DomainRole.Admin => ApiTokenRole.Admin,
        DomainRole.Operator => ApiTokenRole.Operator,
        DomainRole.Viewer => ApiTokenRole.Viewer,
        DomainRole.Runner => ApiTokenRole.Runner,
        _ => ApiTokenRole.Unspecified,
    };

    /// <exception cref="ApiArgumentException">The role is unset or unknown.</exception>
    public static DomainRole ToDomain(ApiTokenRole role) => role switch
    {
        ApiTokenRole.Admin => DomainRole.Admin,
        ApiTokenRole.Operator => DomainRole.Operator,
        ApiTokenRole.Viewer => DomainRole.Viewer,
        ApiTokenRole.Runner => DomainRole.Runner,
        _ => throw new ApiArgumentException("role", $"must be ADMIN, OPERATOR, VIEWER or RUNNER, got {role}"),
    };

    /// <summary>A request's ttl: null when unset.</summary>
    public static TimeSpan? ToTtl(Google.Protobuf.WellKnownTypes.Duration? ttl) => ttl?.ToTimeSpan();
}
