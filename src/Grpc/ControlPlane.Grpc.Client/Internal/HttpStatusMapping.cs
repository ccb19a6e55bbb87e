using System.Net;
using Grpc.Core;

namespace Grpc.Net.Client.Internal;

/// <summary>
/// The gRPC code for an HTTP response that carries no grpc-status, from http-grpc-status-mapping.md. Used only
/// when the peer (often a proxy) did not answer as a gRPC server.
/// </summary>
internal static class HttpStatusMapping
{
    public static StatusCode ToStatusCode(HttpStatusCode httpStatus) => (int)httpStatus switch
    {
        400 => StatusCode.Internal,
        401 => StatusCode.Unauthenticated,
        403 => StatusCode.PermissionDenied,
        404 => StatusCode.Unimplemented,
        429 or 502 or 503 or 504 => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };
}
