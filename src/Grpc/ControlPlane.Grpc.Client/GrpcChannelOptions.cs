namespace Grpc.Net.Client;

/// <summary>
/// Options for a <see cref="GrpcChannel"/>. Names and defaults follow grpc-dotnet's <c>GrpcChannelOptions</c>, so
/// code written against this class compiles unchanged against the real package.
/// </summary>
public sealed class GrpcChannelOptions
{
    /// <summary>
    /// The handler the channel sends HTTP/2 requests through. Null (the default) means a handler from
    /// <see cref="GrpcHttpHandlers.Create"/>. Pass one from <see cref="GrpcHttpHandlers"/> to trust a private CA.
    /// Must not be set together with <see cref="HttpClient"/>.
    /// </summary>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>
    /// An HttpClient to send requests through instead of a handler. Its <c>Timeout</c> still applies to the wait
    /// for response headers, so prefer <see cref="HttpHandler"/>. Must not be set together with <see cref="HttpHandler"/>.
    /// </summary>
    public HttpClient? HttpClient { get; set; }

    /// <summary>
    /// Whether disposing the channel disposes <see cref="HttpHandler"/> or <see cref="HttpClient"/>. Default false.
    /// A handler the channel creates itself is always disposed with it.
    /// </summary>
    public bool DisposeHttpClient { get; set; }

    /// <summary>
    /// The largest response message, in bytes after decompression, the client accepts; a larger one fails the call
    /// with RESOURCE_EXHAUSTED. Null means unlimited. Default 4 MiB.
    /// </summary>
    public int? MaxReceiveMessageSize { get; set; } = GrpcChannel.DefaultMaxReceiveMessageSize;

    /// <summary>
    /// The largest request message, in bytes, the client sends; a larger one fails with RESOURCE_EXHAUSTED before
    /// anything is sent. Null (the default) means unlimited.
    /// </summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>
    /// Whether a call cancelled through its token, or whose deadline passed, throws
    /// <see cref="OperationCanceledException"/> instead of <see cref="Grpc.Core.RpcException"/>. Default false.
    /// </summary>
    public bool ThrowOperationCanceledOnCancellation { get; set; }
}
