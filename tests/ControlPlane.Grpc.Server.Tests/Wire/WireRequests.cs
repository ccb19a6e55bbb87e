using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using ControlPlane.Testing;

namespace ControlPlane.Grpc.Server.Tests.Wire;

/// <summary>
/// Sends hand-built gRPC requests with SocketsHttpHandler (HTTP/2 exactly: h2c with prior knowledge over http://)
/// and collects the raw response. A test tool for bytes on the wire, not a gRPC client.
/// </summary>
internal static class WireRequests
{
    public static HttpMessageInvoker CreateInvoker() => new(new SocketsHttpHandler
    {
        EnableMultipleHttp2Connections = true,
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate?.GetCertHashString() == TestCertificate.Localhost.Certificate.GetCertHashString(),
        },
    });

    public static HttpRequestMessage Create(
        Uri server, string path, HttpContent content, IEnumerable<(string Name, string Value)>? headers = null, Version? version = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server, path))
        {
            Version = version ?? HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        request.Headers.TryAddWithoutValidation("te", "trailers");
        foreach (var (name, value) in headers ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    public static ByteArrayContent Body(byte[] bytes, string contentType = "application/grpc")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    public static async Task<WireResponse> SendAsync(
        Uri server, string path, byte[] body, IEnumerable<(string Name, string Value)>? headers = null, CancellationToken cancellationToken = default)
    {
        using var invoker = CreateInvoker();
        using var request = Create(server, path, Body(body), headers);
        return await SendAsync(invoker, request, cancellationToken);
    }

    public static async Task<WireResponse> SendAsync(HttpMessageInvoker invoker, HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        using var response = await invoker.SendAsync(request, cancellationToken);
        return await ReadAsync(response, cancellationToken);
    }

    /// <summary>Reads the whole body (so trailers have arrived) and splits it into messages when it is gRPC.</summary>
    public static async Task<WireResponse> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var contentType = response.Content.Headers.ContentType?.MediaType;
        var messages = contentType == "application/grpc" ? GrpcFrames.Split(body) : [];
        return new WireResponse(response.StatusCode, response.Headers, contentType, messages, response.TrailingHeaders);
    }
}
