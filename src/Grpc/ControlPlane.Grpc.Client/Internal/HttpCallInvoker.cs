using Grpc.Core;

namespace Grpc.Net.Client.Internal;

/// <summary>Starts calls on a <see cref="GrpcChannel"/>; the <c>host</c> argument is ignored, as in grpc-dotnet.</summary>
internal sealed class HttpCallInvoker : CallInvoker
{
    private readonly GrpcChannel _channel;

    public HttpCallInvoker(GrpcChannel channel)
    {
        _channel = channel;
    }

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        if (SynchronizationContext.Current is null && TaskScheduler.Current == TaskScheduler.Default)
        {
            return AsyncUnaryCall(method, host, options, request).ResponseAsync.GetAwaiter().GetResult();
        }

        // Under a synchronization context (UI, old ASP.NET) the call's continuations would queue to the thread
        // this method blocks. Started from the thread pool they never do, so blocking cannot deadlock.
        return Task.Run(() => AsyncUnaryCall(method, host, options, request).ResponseAsync).GetAwaiter().GetResult();
    }

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        var call = Create(method, options);
        var response = call.RunUnaryAsync(request);
        return new AsyncUnaryCall<TResponse>(response, call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        var call = Create(method, options);
        call.StartServerStreaming(request);
        return new AsyncServerStreamingCall<TResponse>(
            new ResponseStreamReader<TRequest, TResponse>(call), call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options)
    {
        var call = Create(method, options);
        var writer = call.StartRequestStreaming();
        return new AsyncClientStreamingCall<TRequest, TResponse>(
            writer, call.ReadClientStreamingResponseAsync(), call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options)
    {
        var call = Create(method, options);
        var writer = call.StartRequestStreaming();
        return new AsyncDuplexStreamingCall<TRequest, TResponse>(
            writer, new ResponseStreamReader<TRequest, TResponse>(call), call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    private GrpcCall<TRequest, TResponse> Create<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options)
        where TRequest : class
        where TResponse : class
    {
        ArgumentNullException.ThrowIfNull(method);
        _channel.ThrowIfDisposed();
        return new GrpcCall<TRequest, TResponse>(_channel, method, options);
    }
}
