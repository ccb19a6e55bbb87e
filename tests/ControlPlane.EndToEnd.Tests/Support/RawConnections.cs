using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace ControlPlane.EndToEnd.Tests.Support;

/// <summary>Bytes no well-behaved gRPC client would send, over raw sockets or a raw HTTP/2 request.</summary>
internal static class RawConnections
{
    /// <summary>The HTTP/2 client connection preface.</summary>
    public static readonly byte[] Preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray();

    /// <summary>Sends <paramref name="bytes"/> on a fresh connection and reads until the server closes it; describes what happened.</summary>
    public static async Task<string> SendAsync(int port, byte[] bytes, TimeSpan timeout)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(bytes);
        }
        catch (IOException)
        {
            return "reset while sending";
        }

        using var cts = new CancellationTokenSource(timeout);
        var buffer = new byte[16 * 1024];
        var total = 0;
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cts.Token)) > 0)
            {
                total += read;
            }

            return $"closed by the server after it sent {total} bytes";
        }
        catch (OperationCanceledException)
        {
            return $"open after {timeout.TotalSeconds} s ({total} bytes answered)";
        }
        catch (IOException)
        {
            return $"reset by the server after it sent {total} bytes";
        }
    }

    /// <summary>
    /// A gRPC call to <paramref name="path"/> whose only message frame announces <paramref name="announced"/> bytes and
    /// carries 10; then the request either ends (END_STREAM) or is reset. Returns the grpc-status (or how the call failed).
    /// </summary>
    public static async Task<string> TruncatedFrameAsync(string address, string path, int announced, bool reset)
    {
        using var handler = new SocketsHttpHandler();
        using var invoker = new HttpMessageInvoker(handler);
        using var request = new HttpRequestMessage(HttpMethod.Post, address + path)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new TruncatedFrame(announced, reset),
        };
        request.Headers.TryAddWithoutValidation("te", "trailers");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            using var response = await invoker.SendAsync(request, cts.Token);
            await response.Content.ReadAsByteArrayAsync(cts.Token);
            var status = response.TrailingHeaders.TryGetValues("grpc-status", out var trailer) ? trailer.First()
                : response.Headers.TryGetValues("grpc-status", out var header) ? header.First()
                : $"http {(int)response.StatusCode}";
            return status;
        }
        catch (HttpRequestException e)
        {
            return "failed: " + e.Message;
        }
        catch (IOException e)
        {
            return "failed: " + e.Message;
        }
    }

    private sealed class TruncatedFrame : HttpContent
    {
        private readonly int _announced;
        private readonly bool _reset;

        public TruncatedFrame(int announced, bool reset)
        {
            _announced = announced;
            _reset = reset;
            Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var announced = _announced;
            var frame = new byte[15];
            frame[1] = (byte)(announced >> 24);
            frame[2] = (byte)(announced >> 16);
            frame[3] = (byte)(announced >> 8);
            frame[4] = (byte)announced;
            await stream.WriteAsync(frame);
            await stream.FlushAsync();
            if (_reset)
            {
                // Failing the content makes the client reset the stream (RST_STREAM) mid-message.
                throw new IOException("the client gives up mid-message");
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
