using Grpc.Core;

namespace ControlPlane.Grpc.Server.Internal;

/// <summary>One request message in, one response message out.</summary>
internal sealed class UnaryCallHandler<TService, TRequest, TResponse>(
    Method<TRequest, TResponse> method,
    UnaryServiceMethod<TService, TRequest, TResponse> serviceMethod,
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
        var response = await InvokeAsync(request, call)
            ?? throw new RpcException(new Status(StatusCode.Internal, "The handler returned no response message."));

        // A handler that set a non-OK status has no response to send; the status alone ends the call.
        if (call.Status.StatusCode == StatusCode.OK)
        {
            // Not flushed: the message and the trailers leave together when the call ends.
            await call.WriteMessageAsync(response, method.ResponseMarshaller.ContextualSerializer, flush: false, call.CancellationToken);
        }
    }

    private async Task<TResponse> InvokeAsync(TRequest request, HttpServerCallContext call)
    {
        if (!Runtime.HasInterceptors)
        {
            return await InvokeServiceAsync(request, call, call);
        }

        await using var interceptors = new InterceptorScope(Runtime.Options.Interceptors, call.HttpContext.RequestServices);
        UnaryServerMethod<TRequest, TResponse> next = (r, context) => InvokeServiceAsync(r, context, call);
        for (var i = interceptors.Count - 1; i >= 0; i--)
        {
            var interceptor = interceptors[i];
            var inner = next;
            next = (r, context) => interceptor.UnaryServerHandler(r, context, inner);
        }

        return await next(request, call);
    }

    private async Task<TResponse> InvokeServiceAsync(TRequest request, ServerCallContext context, HttpServerCallContext call)
    {
        var service = ServiceInstance.Create<TService>(call.HttpContext.RequestServices, out var created);
        try
        {
            return await serviceMethod(service, request, context);
        }
        finally
        {
            await ServiceInstance.ReleaseAsync(service, created);
        }
    }
}
