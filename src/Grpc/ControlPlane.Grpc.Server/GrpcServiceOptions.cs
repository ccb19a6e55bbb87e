namespace Grpc.AspNetCore.Server;

/// <summary>Options for every gRPC service mapped with <c>MapGrpcService</c>; same names and defaults as grpc-dotnet.</summary>
public class GrpcServiceOptions
{
    // Not public: grpc-dotnet has no such member, and code written against this class must compile against it.
    internal const int DefaultMaxReceiveMessageSize = 4 * 1024 * 1024;

    /// <summary>
    /// The largest request message accepted, in bytes (after decompression); a larger one ends the call with
    /// RESOURCE_EXHAUSTED before it is buffered. Null means no limit. Default 4 MiB.
    /// </summary>
    public int? MaxReceiveMessageSize { get; set; } = DefaultMaxReceiveMessageSize;

    /// <summary>
    /// The largest response message sent, in bytes; a larger one fails with RESOURCE_EXHAUSTED. Null (the default,
    /// as in grpc-dotnet) means no limit: the server trusts its own handlers and clients enforce their receive limit.
    /// </summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>
    /// When true, the message of an unexpected handler exception is sent to the client in grpc-message.
    /// Null or false (the default) sends a generic message; the exception is logged either way.
    /// </summary>
    public bool? EnableDetailedErrors { get; set; }

    /// <summary>Interceptors run for every call, in the order added; each is created through DI for each call.</summary>
    public InterceptorCollection Interceptors { get; } = [];
}
