using ControlPlane.Contracts.V1;
using ControlPlane.Server.Auth;
using Grpc.Core;

namespace ControlPlane.Server.Runners;

/// <summary>The gRPC RunnerService: maps requests to <see cref="RunnerRegistration"/> and <see cref="RunnerStreams"/>; <see cref="Api.ErrorInterceptor"/> maps their errors (<see cref="RunnerErrors"/>).</summary>
public sealed class RunnerApi : RunnerService.RunnerServiceBase
{
    private readonly RunnerRegistration _registration;
    private readonly RunnerStreams _streams;

    public RunnerApi(RunnerRegistration registration, RunnerStreams streams)
    {
        _registration = registration;
        _streams = streams;
    }

    /// <inheritdoc/>
    public override async Task<RegisterResponse> Register(RegisterRequest request, ServerCallContext context)
    {
        var (runner, token) = await _registration.RegisterAsync(request.RegistrationToken, request.Name, [.. request.Labels], request.Capacity, ClientAddress.Of(context), context.CancellationToken);
        return new RegisterResponse { RunnerId = runner.Id.Value, RunnerToken = token };
    }

    /// <inheritdoc/>
    public override Task Connect(IAsyncStreamReader<ConnectRequest> requestStream, IServerStreamWriter<ConnectResponse> responseStream, ServerCallContext context) =>
        _streams.ServeAsync(requestStream, responseStream, context);
}
