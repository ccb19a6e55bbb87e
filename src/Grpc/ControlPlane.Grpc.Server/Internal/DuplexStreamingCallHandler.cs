using Grpc.Core;

namespace ControlPlane.Grpc.Server.Internal;

/// <summary>Streams of request and response messages, read and written independently.</summary>
internal sealed class DuplexStreamingCallHandler<TService, TRequest, TResponse>(
    Method<TRequest, TResponse> method,
    DuplexStreamingServiceMethod<TService, TRequest, TResponse> serviceMethod,
    GrpcServerRuntime runtime)
    : ServerCallHandler(method.FullName, runtime)
    where TService : class
    where TRequest : class
    where TResponse : class
{
    protected override async Task HandleCoreAsync(HttpServerCallContext call)
    {
        var reader = new HttpRequestStreamReader<TRequest>(call, method.RequestMarshaller.ContextualDeserializer);
        var writer = new HttpResponseStreamWriter<TResponse>(call, method.ResponseMarshaller.ContextualSerializer);
        if (!Runtime.HasInterceptors)
        {
            await InvokeServiceAsync(reader, writer, call, call);
            return;
        }

        await using var interceptors = new InterceptorScope(Runtime.Options.Interceptors, call.HttpContext.RequestServices);
        DuplexStreamingServerMethod<TRequest, TResponse> next = (r, w, context) => InvokeServiceAsync(r, w, context, call);
        for (var i = interceptors.Count - 1; i >= 0; i--)
        {
            var interceptor = interceptors[i];
            var inner = next;
            next = (r, w, context) => interceptor.DuplexStreamingServerHandler(r, w, context, inner);
        }

        await next(reader, writer, call);
    }

    private async Task InvokeServiceAsync(
        IAsyncStreamReader<TRequest> reader, IServerStreamWriter<TResponse> writer, ServerCallContext context, HttpServerCallContext call)
    {
        var service = ServiceInstance.Create<TService>(call.HttpContext.RequestServices, out var created);
        try
        {
            await serviceMethod(service, reader, writer, context);
        }
        finally
        {
            await ServiceInstance.ReleaseAsync(service, created);
        }
    }
}
