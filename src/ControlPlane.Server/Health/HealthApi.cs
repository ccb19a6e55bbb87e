using Grpc.Core;
using Grpc.Health.V1;

namespace ControlPlane.Server.Health;

/// <summary>
/// gRPC adapter for the standard grpc.health.v1.Health service. The standard response has no room for a reason, so
/// Check answers NOT_SERVING with the reason in the <see cref="ReasonTrailer"/> trailer.
/// </summary>
public sealed class HealthApi(HealthStatusRegistry registry) : global::Grpc.Health.V1.Health.HealthBase
{
    /// <summary>The trailer that says why the server is NOT_SERVING, e.g. "the database cannot be written: database or disk is full".</summary>
    public const string ReasonTrailer = "cp-health-reason";

    public override Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var status = registry.Get(request.Service)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"unknown service '{request.Service}'"));
        if (status == HealthCheckResponse.Types.ServingStatus.NotServing && registry.Reason is { } reason)
        {
            context.ResponseTrailers.Add(ReasonTrailer, reason);
        }

        return Task.FromResult(new HealthCheckResponse { Status = status });
    }

    public override async Task Watch(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responseStream, ServerCallContext context)
    {
        try
        {
            await foreach (var status in registry.WatchAsync(request.Service, context.CancellationToken))
            {
                await responseStream.WriteAsync(new HealthCheckResponse { Status = status });
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The client went away; Watch ends only that way.
        }
    }
}
