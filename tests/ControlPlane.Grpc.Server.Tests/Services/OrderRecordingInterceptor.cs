using Grpc.Core;
using Grpc.Core.Interceptors;

namespace ControlPlane.Grpc.Server.Tests.Services;

/// <summary>Records when a unary call enters and leaves it, under its name; disposal is recorded too.</summary>
public sealed class OrderRecordingInterceptor(CallProbe probe, string name) : Interceptor, IDisposable
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        probe.Events.Enqueue($"{name} enter");
        var response = await continuation(request, context);
        probe.Events.Enqueue($"{name} leave");
        return response;
    }

    public void Dispose() => probe.Events.Enqueue($"{name} disposed");
}
