namespace Grpc.Core;

/// <summary>The request stream of a client-streaming or duplex call, as a client sees it.</summary>
public interface IClientStreamWriter<in T> : IAsyncStreamWriter<T>
{
    /// <summary>Half-closes the call: the server sees the end of the request stream.</summary>
    Task CompleteAsync();
}
