using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Health.V1;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ControlPlane.Server.Health;

/// <summary>
/// Adds the <see cref="HealthReason.Trailer"/> trailer to a NOT_SERVING answer of grpc.health.v1.Health/Check, so a
/// caller learns why (the standard message has only the status). Every other call passes through untouched.
/// </summary>
public sealed class HealthReasonInterceptor(HealthCheckService health) : Interceptor
{
    private const string CheckMethod = "/grpc.health.v1.Health/Check";

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        var response = await continuation(request, context);
        if (response is HealthCheckResponse { Status: HealthCheckResponse.Types.ServingStatus.NotServing } && context.Method == CheckMethod
            && HealthReason.Describe(await health.CheckHealthAsync(context.CancellationToken)) is { } reason)
        {
            context.ResponseTrailers.Add(HealthReason.Trailer, reason);
        }

        return response;
    }
}
