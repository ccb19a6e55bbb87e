using ControlPlane.Contracts.V1;
using ControlPlane.Core.Auth;
using ControlPlane.Core.Runners;
using ControlPlane.Server.Admin;
using ControlPlane.Server.Auth;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using DomainRole = ControlPlane.Core.Auth.ApiTokenRole;

namespace ControlPlane.Server.Api;

/// <summary>gRPC adapter for controlplane.v1.AdminService: maps, calls <see cref="RunnerAdmin"/> or <see cref="TokenAdmin"/>, maps back.</summary>
public sealed class AdminApi(ServerVersion version, RunnerAdmin runners, TokenAdmin tokens) : AdminService.AdminServiceBase
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

    public override async Task<ListRunnersResponse> ListRunners(ListRunnersRequest request, ServerCallContext context) =>
        new ListRunnersResponse
        {
            Runners = { (await runners.ListAsync(context.CancellationToken)).Select(AdminMessages.ToProto) },
        };

    public override async Task<DrainRunnerResponse> DrainRunner(DrainRunnerRequest request, ServerCallContext context) =>
        new DrainRunnerResponse
        {
            Runner = AdminMessages.ToProto(await runners.SetDrainingAsync(new RunnerId(request.RunnerId), !request.Resume, context.CancellationToken)),
        };

    public override async Task<RemoveRunnerResponse> RemoveRunner(RemoveRunnerRequest request, ServerCallContext context)
    {
        await runners.RemoveAsync(new RunnerId(request.RunnerId), context.CancellationToken);
        return new RemoveRunnerResponse();
    }

    public override async Task<CreateRegistrationTokenResponse> CreateRegistrationToken(CreateRegistrationTokenRequest request, ServerCallContext context)
    {
        var (token, secret) = await tokens.CreateAsync(request.Name, DomainRole.Runner, AdminMessages.ToTtl(request.Ttl), context.CancellationToken);
        return new CreateRegistrationTokenResponse { Token = AdminMessages.ToProto(token), Secret = secret };
    }

    public override async Task<CreateApiTokenResponse> CreateApiToken(CreateApiTokenRequest request, ServerCallContext context)
    {
        var role = AdminMessages.ToDomain(request.Role);
        var (token, secret) = await tokens.CreateAsync(request.Name, role, AdminMessages.ToTtl(request.Ttl), context.CancellationToken);
        return new CreateApiTokenResponse { Token = AdminMessages.ToProto(token), Secret = secret };
    }

    public override async Task<ListApiTokensResponse> ListApiTokens(ListApiTokensRequest request, ServerCallContext context) =>
        new ListApiTokensResponse
        {
            Tokens = { (await tokens.ListAsync(context.CancellationToken)).Select(AdminMessages.ToProto) },
        };

    public override async Task<RevokeApiTokenResponse> RevokeApiToken(RevokeApiTokenRequest request, ServerCallContext context) =>
        new RevokeApiTokenResponse
        {
            Token = AdminMessages.ToProto(await tokens.RevokeAsync(new ApiTokenId(request.Id), context.CancellationToken)),
        };
}
