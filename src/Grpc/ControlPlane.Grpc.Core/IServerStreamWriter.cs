namespace Grpc.Core;

/// <summary>The response stream of a server-streaming or duplex call, as a handler sees it.</summary>
public interface IServerStreamWriter<in T> : IAsyncStreamWriter<T>
{
}
