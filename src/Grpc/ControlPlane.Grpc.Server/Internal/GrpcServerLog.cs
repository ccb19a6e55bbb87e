using Microsoft.Extensions.Logging;

namespace ControlPlane.Grpc.Server.Internal;

/// <summary>The server's log messages; one place so their ids and levels stay consistent.</summary>
internal static partial class GrpcServerLog
{
    [LoggerMessage(1, LogLevel.Information, "Request content-type '{ContentType}' is not supported for {Method}.")]
    public static partial void UnsupportedContentType(ILogger logger, string method, string? contentType);

    [LoggerMessage(2, LogLevel.Information, "Request protocol '{Protocol}' is not supported for {Method}; gRPC needs HTTP/2.")]
    public static partial void UnsupportedProtocol(ILogger logger, string method, string protocol);

    [LoggerMessage(3, LogLevel.Information, "Request grpc-encoding '{Encoding}' is not supported for {Method}.")]
    public static partial void UnsupportedEncoding(ILogger logger, string method, string encoding);

    [LoggerMessage(4, LogLevel.Debug, "Ignoring invalid grpc-timeout '{Timeout}' for {Method}.")]
    public static partial void InvalidTimeout(ILogger logger, string method, string timeout);

    [LoggerMessage(5, LogLevel.Debug, "Deadline of {Method} exceeded; the call ends with DEADLINE_EXCEEDED.")]
    public static partial void DeadlineExceeded(ILogger logger, string method);

    [LoggerMessage(6, LogLevel.Error, "Error when executing service method {Method}.")]
    public static partial void HandlerFailed(ILogger logger, string method, Exception exception);

    [LoggerMessage(7, LogLevel.Information, "{Method} ended with status {StatusCode}: {Detail}")]
    public static partial void RpcError(ILogger logger, string method, global::Grpc.Core.StatusCode statusCode, string detail);

    [LoggerMessage(8, LogLevel.Debug, "{Method} was cancelled by the client.")]
    public static partial void CancelledByClient(ILogger logger, string method);

    [LoggerMessage(9, LogLevel.Debug, "{Method} handler finished after its deadline had ended the call.")]
    public static partial void HandlerFinishedAfterDeadline(ILogger logger, string method, Exception? exception);
}
