using System.Runtime.CompilerServices;

namespace Grpc.Core;

/// <summary>A unary call in flight; await it for the response.</summary>
public sealed class AsyncUnaryCall<TResponse> : IDisposable
{
    private readonly Func<Status> _getStatusFunc;
    private readonly Func<Metadata> _getTrailersFunc;
    private readonly Action _disposeAction;

    public AsyncUnaryCall(Task<TResponse> responseAsync, Task<Metadata> responseHeadersAsync, Func<Status> getStatusFunc, Func<Metadata> getTrailersFunc, Action disposeAction)
    {
        ResponseAsync = responseAsync;
        ResponseHeadersAsync = responseHeadersAsync;
        _getStatusFunc = getStatusFunc;
        _getTrailersFunc = getTrailersFunc;
        _disposeAction = disposeAction;
    }

    public Task<TResponse> ResponseAsync { get; }

    public Task<Metadata> ResponseHeadersAsync { get; }

    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();

    public ConfiguredTaskAwaitable<TResponse> ConfigureAwait(bool continueOnCapturedContext) => ResponseAsync.ConfigureAwait(continueOnCapturedContext);

    /// <summary>The call's status; valid once the call has finished.</summary>
    public Status GetStatus() => _getStatusFunc();

    /// <summary>The call's trailers; valid once the call has finished.</summary>
    public Metadata GetTrailers() => _getTrailersFunc();

    /// <summary>Cancels the call if it is still in flight and releases its resources.</summary>
    public void Dispose() => _disposeAction();
}
