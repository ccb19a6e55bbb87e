using Grpc.Core;

namespace ControlPlane.Grpc.Server.Internal;

/// <summary>One request message in, a stream of response messages out.</summary>
internal sealed class ServerStreamingCallHandler<TService, TRequest, TResponse>(
    Method<TRequest, TResponse> method,
    ServerStreamingServiceMethod<TService, TRequest, TResponse> serviceMethod,
    GrpcServerRuntime runtime)
    : ServerCallHandler(method.FullName, runtime)
    where TService : class
    where TRequest : class
    where TResponse : class
{
    protected override async Task HandleCoreAsync(HttpServerCallContext call)
    {
        var reader = new HttpRequestStreamReader<TRequest>(call, method.RequestMarshaller.ContextualDeserializer);
        var request = await reader.ReadSingleMessageAsync(call.CancellationToken);
        var writer = new HttpResponseStreamWriter<TResponse>(call, method.ResponseMarshaller.ContextualSerializer);
        if (!Runtime.HasInterceptors)
        {
            await InvokeServiceAsync(request, writer, call, call);
            return;
        }

        await using var interceptors = new InterceptorScope(Runtime.Options.Interceptors, call.HttpContext.RequestServices);
        ServerStreamingServerMethod<TRequest, TResponse> next = (r, w, context) => InvokeServiceAsync(r, w, context, call);
        for (var i = interceptors.Count - 1; i >= 0; i--)
        {
            var interceptor = interceptors[i];
            var inner = next;
            next = (r, w, context) => interceptor.ServerStreamingServerHandler(r, w, context, inner);
        }

        await next(request, writer, call);
    }

    private async Task InvokeServiceAsync(TRequest request, IServerStreamWriter<TResponse> writer, ServerCallContext context, HttpServerCallContext call)
    {
        var service = ServiceInstance.Create<TService>(call.HttpContext.RequestServices, out var created);
        try
        {
            await serviceMethod(service, request, writer, context);
        }
        finally
        {
            await ServiceInstance.ReleaseAsync(service, created);
        }
    }
}
