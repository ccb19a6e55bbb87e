using Grpc.Core;

namespace ControlPlane.Grpc.Server.Internal;

/// <summary>
/// The response stream of a server-streaming or duplex call. Each message is flushed as it is written (unless the
/// write options carry <see cref="WriteFlags.BufferHint"/>), so a peer never waits for a message already produced.
/// </summary>
internal sealed class HttpResponseStreamWriter<TResponse>(HttpServerCallContext call, Action<TResponse, SerializationContext> serializer)
    : IServerStreamWriter<TResponse>
    where TResponse : class
{
    public WriteOptions? WriteOptions
    {
        get => call.WriteOptions;
        set => call.WriteOptions = value;
    }

    public Task WriteAsync(TResponse message) => WriteAsync(message, CancellationToken.None);

    public Task WriteAsync(TResponse message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var flush = ((WriteOptions?.Flags ?? default) & WriteFlags.BufferHint) == 0;
        if (!cancellationToken.CanBeCanceled || cancellationToken == call.CancellationToken)
        {
            return call.WriteMessageAsync(message, serializer, flush, call.CancellationToken);
        }

        return WriteWithCallerTokenAsync(message, flush, cancellationToken);
    }

    // The call's own token must still stop the write: a deadline needs the response back from a stuck write.
    private async Task WriteWithCallerTokenAsync(TResponse message, bool flush, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, call.CancellationToken);
        await call.WriteMessageAsync(message, serializer, flush, linked.Token);
    }
}
