using System.Net.Http;
using System.Text;
using Grpc.Core;

namespace Grpc.Net.Client.Internal;

/// <summary>
/// The status for a call that failed locally or in transport rather than with a status from the server.
/// </summary>
internal static class TransportFailure
{
    /// <summary>The status for an exception from sending the request, before response headers arrived.</summary>
    public static Status FromSendException(Exception exception)
    {
        if (FindProtocolError(exception) is { } protocolError)
        {
            return FromHttp2ErrorCode(protocolError, exception);
        }

        // Refused, unreachable, DNS, TLS handshake, connect timeout: the server could not be reached.
        return new Status(StatusCode.Unavailable, "Error connecting to the server: " + Describe(exception), exception);
    }

    /// <summary>The status for an exception from reading the response or writing the request stream.</summary>
    public static Status FromStreamException(Exception exception, string operation)
    {
        return exception switch
        {
            RpcException rpc => rpc.Status,
            _ when FindProtocolError(exception) is { } protocolError => FromHttp2ErrorCode(protocolError, exception),
            IOException or HttpRequestException or ObjectDisposedException or OperationCanceledException =>
                new Status(StatusCode.Unavailable, $"Error {operation}: " + Describe(exception), exception),
            _ => new Status(StatusCode.Internal, $"Error {operation}: " + Describe(exception), exception),
        };
    }

    /// <summary>The mapping of RST_STREAM error codes in PROTOCOL-HTTP2.md.</summary>
    private static Status FromHttp2ErrorCode(HttpProtocolException protocolError, Exception exception)
    {
        var code = protocolError.ErrorCode switch
        {
            0x7 => StatusCode.Unavailable, // REFUSED_STREAM: the server did not process it
            0x8 => StatusCode.Cancelled, // CANCEL
            0xB => StatusCode.ResourceExhausted, // ENHANCE_YOUR_CALM
            0xC => StatusCode.PermissionDenied, // INADEQUATE_SECURITY
            _ => StatusCode.Internal,
        };
        return new Status(code, $"HTTP/2 error code {protocolError.ErrorCode}: " + Describe(exception), exception);
    }

    private static HttpProtocolException? FindProtocolError(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is HttpProtocolException protocolError)
            {
                return protocolError;
            }
        }

        return null;
    }

    /// <summary>The messages of an exception and its causes, which together name what went wrong.</summary>
    private static string Describe(Exception exception)
    {
        var text = new StringBuilder();
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (text.Length > 0)
            {
                text.Append(" ---> ");
            }

            text.Append(current.GetType().Name).Append(": ").Append(current.Message);
        }

        return text.ToString();
    }
}
