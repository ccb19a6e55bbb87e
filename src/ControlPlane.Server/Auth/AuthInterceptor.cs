using Grpc.Core;
using Grpc.Core.Interceptors;

namespace ControlPlane.Server.Auth;

/// <summary>
/// Runs <see cref="ApiAuthenticator"/> before every call and leaves the caller in <see cref="ServerCallContext.UserState"/>.
/// Its refusals are domain exceptions; the error interceptor, added before it, turns them into statuses.
/// </summary>
public sealed class AuthInterceptor(ApiAuthenticator authenticator) : Interceptor
{
    /// <summary>The <see cref="ServerCallContext.UserState"/> key of the call's <see cref="ApiPrincipal"/>, when it has one.</summary>
    public static readonly object PrincipalKey = typeof(ApiPrincipal);

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        await AuthorizeAsync(context);
        return await continuation(request, context);
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await AuthorizeAsync(context);
        return await continuation(requestStream, context);
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await AuthorizeAsync(context);
        await continuation(request, responseStream, context);
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await AuthorizeAsync(context);
        await continuation(requestStream, responseStream, context);
    }

    private async Task AuthorizeAsync(ServerCallContext context)
    {
        var principal = await authenticator.AuthorizeAsync(context);
        if (principal is not null)
        {
            context.UserState[PrincipalKey] = principal;
        }
    }
}
