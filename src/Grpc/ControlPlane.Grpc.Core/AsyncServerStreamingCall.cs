namespace Grpc.Core;

/// <summary>A server-streaming call in flight.</summary>
public sealed class AsyncServerStreamingCall<TResponse> : IDisposable
{
    private readonly Func<Status> _getStatusFunc;
    private readonly Func<Metadata> _getTrailersFunc;
    private readonly Action _disposeAction;

    public AsyncServerStreamingCall(IAsyncStreamReader<TResponse> responseStream, Task<Metadata> responseHeadersAsync, Func<Status> getStatusFunc, Func<Metadata> getTrailersFunc, Action disposeAction)
    {
        ResponseStream = responseStream;
        ResponseHeadersAsync = responseHeadersAsync;
        _getStatusFunc = getStatusFunc;
        _getTrailersFunc = getTrailersFunc;
        _disposeAction = disposeAction;
    }

    public IAsyncStreamReader<TResponse> ResponseStream { get; }

    public Task<Metadata> ResponseHeadersAsync { get; }

    public Status GetStatus() => _getStatusFunc();

    public Metadata GetTrailers() => _getTrailersFunc();

    public void Dispose() => _disposeAction();
}
