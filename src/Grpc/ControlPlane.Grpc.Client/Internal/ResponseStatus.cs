using System.Globalization;
using System.Net.Http.Headers;
using Grpc.Core;

namespace Grpc.Net.Client.Internal;

/// <summary>Reads grpc-status and grpc-message from response headers or trailers.</summary>
internal static class ResponseStatus
{
    /// <summary>The status the headers carry, or null when they have no grpc-status.</summary>
    public static Status? TryRead(HttpHeaders headers)
    {
        var values = headers.NonValidated;
        if (!values.TryGetValues(GrpcProtocol.StatusTrailer, out var statusValues))
        {
            return null;
        }

        var detail = values.TryGetValues(GrpcProtocol.MessageTrailer, out var messageValues)
            ? PercentEncoding.Decode(messageValues.ToString())
            : "";
        var statusText = statusValues.ToString();
        if (!int.TryParse(statusText, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            return new Status(StatusCode.Unknown, $"Unexpected grpc-status value '{statusText}'. {detail}".TrimEnd());
        }

        return new Status((StatusCode)code, detail);
    }
}
