using System.Net;
using Grpc.Core;

namespace Grpc.Net.Client.Internal;

/// <summary>Decides from the response headers whether a body of gRPC messages follows, or the call is over.</summary>
internal static class ResponseHeaderCheck
{
    /// <summary>
    /// Null when the response is a gRPC response with a body to read; otherwise the call's final status: the
    /// grpc-status of a trailers-only response (with <paramref name="trailersOnly"/> set), or a status derived
    /// from an HTTP status or content-type that show the peer is not a gRPC server.
    /// </summary>
    public static Status? Check(HttpResponseMessage response, out bool trailersOnly)
    {
        trailersOnly = false;
        if (ResponseStatus.TryRead(response.Headers) is { } status)
        {
            // The specification: when grpc-status is present it must be used, whatever the HTTP status.
            trailersOnly = true;
            return status;
        }

        if (response.StatusCode != HttpStatusCode.OK)
        {
            return new Status(HttpStatusMapping.ToStatusCode(response.StatusCode), $"Bad gRPC response. HTTP status code: {(int)response.StatusCode}");
        }

        var contentType = response.Content.Headers.NonValidated.TryGetValues("Content-Type", out var values) ? values.ToString() : null;
        if (!GrpcProtocol.IsGrpcContentType(contentType))
        {
            return new Status(StatusCode.Unknown, $"Bad gRPC response. Invalid content-type value: {contentType ?? "(none)"}");
        }

        return null;
    }
}
