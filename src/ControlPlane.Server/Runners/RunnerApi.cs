using ControlPlane.Contracts.V1;
using ControlPlane.Server.Auth;
using Grpc.Core;

namespace ControlPlane.Server.Runners;

/// <summary>The gRPC RunnerService: maps requests to <see cref="RunnerRegistration"/> and <see cref="RunnerStreams"/>, and errors to statuses.</summary>
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
        try
        {
            var (runner, token) = await _registration.RegisterAsync(request.RegistrationToken, request.Name, [.. request.Labels], request.Capacity, ClientAddress.Of(context), context.CancellationToken);
            return new RegisterResponse { RunnerId = runner.Id.Value, RunnerToken = token };
        }
        catch (Exception e) when (RunnerErrors.ToRpcException(e) is { } status)
        {
            throw status;
        }
    }

    /// <inheritdoc/>
    public override async Task Connect(IAsyncStreamReader<ConnectRequest> requestStream, IServerStreamWriter<ConnectResponse> responseStream, ServerCallContext context)
    {
        try
        {
            await _streams.ServeAsync(requestStream, responseStream, context);
        }
        catch (Exception e) when (RunnerErrors.ToRpcException(e) is { } status)
        {
            throw status;
        }
    }
}
