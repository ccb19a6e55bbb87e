using Grpc.Core;

namespace ControlPlane.Grpc.Server.Internal;

/// <summary>A stream of request messages in, one response message out.</summary>
internal sealed class ClientStreamingCallHandler<TService, TRequest, TResponse>(
    Method<TRequest, TResponse> method,
    ClientStreamingServiceMethod<TService, TRequest, TResponse> serviceMethod,
    GrpcServerRuntime runtime)
    : ServerCallHandler(method.FullName, runtime)
    where TService : class
    where TRequest : class
    where TResponse : class
{
    protected override async Task HandleCoreAsync(HttpServerCallContext call)
    {
        var reader = new HttpRequestStreamReader<TRequest>(call, method.RequestMarshaller.ContextualDeserializer);
        var response = await InvokeAsync(reader, call)
            ?? throw new RpcException(new Status(StatusCode.Internal, "The handler returned no response message."));
        if (call.Status.StatusCode == StatusCode.OK)
        {
            await call.WriteMessageAsync(response, method.ResponseMarshaller.ContextualSerializer, flush: false, call.CancellationToken);
        }
    }

    private async Task<TResponse> InvokeAsync(IAsyncStreamReader<TRequest> reader, HttpServerCallContext call)
    {
        if (!Runtime.HasInterceptors)
        {
            return await InvokeServiceAsync(reader, call, call);
        }

        await using var interceptors = new InterceptorScope(Runtime.Options.Interceptors, call.HttpContext.RequestServices);
        ClientStreamingServerMethod<TRequest, TResponse> next = (r, context) => InvokeServiceAsync(r, context, call);
        for (var i = interceptors.Count - 1; i >= 0; i--)
        {
            var interceptor = interceptors[i];
            var inner = next;
            next = (r, context) => interceptor.ClientStreamingServerHandler(r, context, inner);
        }

        return await next(reader, call);
    }

    private async Task<TResponse> InvokeServiceAsync(IAsyncStreamReader<TRequest> reader, ServerCallContext context, HttpServerCallContext call)
    {
        var service = ServiceInstance.Create<TService>(call.HttpContext.RequestServices, out var created);
        try
        {
            return await serviceMethod(service, reader, context);
        }
        finally
        {
            await ServiceInstance.ReleaseAsync(service, created);
        }
    }
}
