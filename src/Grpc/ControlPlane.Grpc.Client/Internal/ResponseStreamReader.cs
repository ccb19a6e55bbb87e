using Grpc.Core;

namespace Grpc.Net.Client.Internal;

/// <summary>The response stream of a server-streaming or duplex call.</summary>
internal sealed class ResponseStreamReader<TRequest, TResponse> : IAsyncStreamReader<TResponse>
    where TRequest : class
    where TResponse : class
{
    private readonly GrpcCall<TRequest, TResponse> _call;

    public ResponseStreamReader(GrpcCall<TRequest, TResponse> call)
    {
        _call = call;
    }

    public TResponse Current => _call.Current ?? throw new InvalidOperationException("No message has been read yet; call MoveNext first.");

    /// <summary>Reads the next message; cancelling <paramref name="cancellationToken"/> cancels the whole call.</summary>
    public Task<bool> MoveNext(CancellationToken cancellationToken) => _call.MoveNextAsync(cancellationToken);
}
