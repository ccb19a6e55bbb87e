using System.Net.Http.Headers;
using Grpc.Core;

namespace Grpc.Net.Client.Internal;

/// <summary>The request headers of a gRPC call (PROTOCOL-HTTP2.md, "Requests").</summary>
internal static class GrpcRequestHeaders
{
    public static void Add(HttpRequestHeaders headers, Metadata? metadata, string? timeout)
    {
        // Proxies and servers use TE: trailers to tell gRPC apart from plain HTTP.
        headers.TryAddWithoutValidation("TE", "trailers");
        headers.TryAddWithoutValidation(GrpcProtocol.AcceptEncodingHeader, GrpcProtocol.AcceptEncodingValue);
        if (timeout is not null)
        {
            headers.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, timeout);
        }

        if (metadata is not { Count: > 0 })
        {
            headers.TryAddWithoutValidation("User-Agent", GrpcProtocol.UserAgent);
            return;
        }

        MetadataMapping.AddTo(headers, metadata);
        if (metadata.Get("user-agent") is null)
        {
            headers.TryAddWithoutValidation("User-Agent", GrpcProtocol.UserAgent);
        }
    }
}
