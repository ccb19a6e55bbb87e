using Grpc.Core;
using Grpc.Core.Interceptors;

namespace ControlPlane.Grpc.Server.Tests.Services;

/// <summary>Records every call it sees and refuses calls without <c>authorization: Bearer {token}</c>.</summary>
public sealed class RequireBearerTokenInterceptor(CallProbe probe, string token) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        return continuation(request, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        return continuation(requestStream, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        return continuation(request, responseStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream,
        IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        return continuation(requestStream, responseStream, context);
    }

    private void Authenticate(ServerCallContext context)
    {
        probe.Events.Enqueue($"intercepted {context.Method}");
        if (context.RequestHeaders.GetValue("authorization") != $"Bearer {token}")
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, "A valid bearer token is required."));
        }
    }
}
