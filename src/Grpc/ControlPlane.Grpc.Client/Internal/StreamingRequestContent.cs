using System.Net;

namespace Grpc.Net.Client.Internal;

/// <summary>
/// The body of a client-streaming or duplex call. The handler calls <see cref="SerializeToStreamAsync(Stream, TransportContext?, CancellationToken)"/>
/// once the request headers are out; the request stream is handed to the call's writer, and the body ends
/// (END_STREAM) when the writer completes or the call ends.
/// </summary>
internal sealed class StreamingRequestContent : HttpContent
{
    private readonly TaskCompletionSource<Stream> _requestStream = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public StreamingRequestContent()
    {
        Headers.TryAddWithoutValidation("Content-Type", GrpcProtocol.ContentType);
    }

    /// <summary>The request stream, once the handler has started sending the body.</summary>
    public Task<Stream> GetRequestStreamAsync(CancellationToken cancellationToken) =>
        _requestStream.Task.WaitAsync(cancellationToken);

    /// <summary>Ends the request body; the server sees the end of the request stream.</summary>
    public void Complete() => _completed.TrySetResult();

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        // The handler holds the request headers back until the body is written or flushed; a duplex call whose
        // client writes nothing yet must still reach the server.
        await stream.FlushAsync(cancellationToken);
        _requestStream.TrySetResult(stream);
        await _completed.Task.WaitAsync(cancellationToken);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // The call is over: a writer still waiting for the stream gives up, and the handler stops sending.
            _requestStream.TrySetCanceled();
            _completed.TrySetResult();
        }

        base.Dispose(disposing);
    }
}
