using Grpc.Core;
using Grpc.Health.V1;

namespace ControlPlane.Server.Health;

/// <summary>gRPC adapter for the standard grpc.health.v1.Health service.</summary>
public sealed class HealthApi(HealthStatusRegistry registry) : global::Grpc.Health.V1.Health.HealthBase
{
    public override Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context)
    {
        var status = registry.Get(request.Service)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"unknown service '{request.Service}'"));
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
