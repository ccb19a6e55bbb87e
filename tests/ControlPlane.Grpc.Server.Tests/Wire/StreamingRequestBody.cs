using System.Net;
using System.Net.Http.Headers;
using System.Threading.Channels;

namespace ControlPlane.Grpc.Server.Tests.Wire;

/// <summary>
/// A request body written while the response is being read: each pushed chunk is sent and flushed at once, and
/// the request stream ends (END_STREAM) when <see cref="Complete"/> is called.
/// </summary>
internal sealed class StreamingRequestBody : HttpContent
{
    private readonly Channel<byte[]> _chunks = Channel.CreateUnbounded<byte[]>();

    public StreamingRequestBody()
    {
        Headers.ContentType = MediaTypeHeaderValue.Parse("application/grpc");
    }

    public ValueTask PushAsync(byte[] chunk) => _chunks.Writer.WriteAsync(chunk);

    public void Complete() => _chunks.Writer.TryComplete();

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await foreach (var chunk in _chunks.Reader.ReadAllAsync(cancellationToken))
        {
            await stream.WriteAsync(chunk, cancellationToken);
            await stream.FlushAsync(cancellationToken);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
