using ControlPlane.Docker.Errors;

namespace ControlPlane.Docker.Streams;

/// <summary>
/// A container's output as the daemon streams it (attach or logs). Read it once with <see cref="CopyToAsync"/>;
/// dispose it to close the connection, which also ends a copy in progress.
/// </summary>
/// <remarks>
/// While attached, the daemon does not buffer without bound: a reader that falls behind slows the container's
/// writes. Copy to fast targets (memory, a spool file) and ship from there.
/// </remarks>
public sealed class ContainerOutputStream : IAsyncDisposable, IDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly Stream _body;
    private readonly bool _tty;
    private int _copied;

    internal ContainerOutputStream(HttpResponseMessage response, Stream body, bool tty)
    {
        _response = response;
        _body = body;
        _tty = tty;
    }

    /// <summary>
    /// Copies stdout and stderr bytes, unchanged, to the two targets until the stream ends: when the container's
    /// process exits (attach, or logs with follow) or when the recorded output is exhausted (logs without follow).
    /// A container with a TTY has a single stream; all of it goes to <paramref name="stdout"/>. Targets are written
    /// from one task, in the order the bytes arrived, and are not flushed or disposed here.
    /// </summary>
    /// <exception cref="DockerStreamException">The stream was malformed or cut off inside a frame.</exception>
    /// <exception cref="InvalidOperationException">Called a second time.</exception>
    public async Task CopyToAsync(Stream stdout, Stream stderr, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _copied, 1) != 0)
        {
            throw new InvalidOperationException("A container output stream can be read only once.");
        }

        if (_tty)
        {
            await _body.CopyToAsync(stdout, cancellationToken);
        }
        else
        {
            await DockerStreamDemultiplexer.CopyAsync(_body, stdout, stderr, cancellationToken);
        }
    }

    public void Dispose()
    {
        _body.Dispose();
        _response.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _body.DisposeAsync();
        _response.Dispose();
    }
}
