using ControlPlane.Contracts.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace ControlPlane.Server.Api;

/// <summary>gRPC adapter for controlplane.v1.AdminService.</summary>
public sealed class AdminApi(ServerVersion version) : AdminService.AdminServiceBase
{
    public override Task<GetVersionResponse> GetVersion(GetVersionRequest request, ServerCallContext context) =>
        Task.FromResult(new GetVersionResponse
        {
            Version = version.Version,
            Commit = version.Commit,
            Runtime = version.Runtime,
            ApiVersion = ServerVersion.ApiVersion,
            StartedAt = Timestamp.FromDateTimeOffset(version.StartedAt),
        });
}
