using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;

namespace ControlPlane.Server.Tests.Transport;

/// <summary>
/// A gRPC request put together by hand over HTTP/2 with prior knowledge, for bytes no well-behaved client sends:
/// the outcome is the grpc-status the server answered (from the trailers, or the headers of a trailers-only answer),
/// or "HTTP nnn" when it did not answer as gRPC.
/// </summary>
internal static class RawGrpcCall
{
    /// <summary>One length-prefixed message: compressed flag, 4-byte big-endian length, the bytes.</summary>
    public static byte[] Frame(byte[] message, bool compressed = false, int? announcedLength = null)
    {
        var frame = new byte[5 + message.Length];
        frame[0] = compressed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(1), announcedLength ?? message.Length);
        message.CopyTo(frame, 5);
        return frame;
    }

    public static async Task<string> SendAsync(Uri server, string path, byte[] body, CancellationToken cancellationToken, string contentType = "application/grpc", string? authorization = null)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server, path))
        {
            Content = new ByteArrayContent(body),
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.TryAddWithoutValidation("te", "trailers");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("authorization", authorization);
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var status = response.TrailingHeaders.TryGetValues("grpc-status", out var trailer) ? trailer.Single()
            : response.Headers.TryGetValues("grpc-status", out var header) ? header.Single()
            : null;
        return status is null ? $"HTTP {(int)response.StatusCode}" : ((Grpc.Core.StatusCode)int.Parse(status, System.Globalization.CultureInfo.InvariantCulture)).ToString();
    }
}
