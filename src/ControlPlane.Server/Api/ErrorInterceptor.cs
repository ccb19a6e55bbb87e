using ControlPlane.Server.Runners;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace ControlPlane.Server.Api;

/// <summary>
/// The one place where exceptions become gRPC statuses, for every call of every service: services and the
/// interceptors after this one throw domain exceptions, and this turns them into an <see cref="RpcException"/> by
/// the runner protocol's table (<see cref="RunnerErrors"/>, RunnerService only) or the API's (<see cref="ApiErrors"/>).
/// An exception neither table knows passes on to grpc-dotnet, which logs it and answers UNKNOWN without details.
/// </summary>
public sealed class ErrorInterceptor : Interceptor
{
    private static readonly string RunnerServicePrefix = $"/{Contracts.V1.RunnerService.Descriptor.FullName}/";

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        try
        {
            return await continuation(request, context);
        }
        catch (Exception e) when (ToRpcException(context, e) is { } status)
        {
            throw status;
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception e) when (ToRpcException(context, e) is { } status)
        {
            throw status;
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception e) when (ToRpcException(context, e) is { } status)
        {
            throw status;
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        try
        {
            await continuation(requestStream, responseStream, context);
        }
        catch (Exception e) when (ToRpcException(context, e) is { } status)
        {
            throw status;
        }
    }

    /// <summary>The status for <paramref name="error"/> raised in the call <paramref name="context"/> describes, or null when it is not a domain error.</summary>
    internal static RpcException? ToRpcException(ServerCallContext context, Exception error) =>
        error is RpcException ? null
        : context.Method.StartsWith(RunnerServicePrefix, StringComparison.Ordinal) ? RunnerErrors.ToRpcException(error) ?? ApiErrors.ToRpcException(error)
        : ApiErrors.ToRpcException(error);
}
