using ControlPlane.Agent.Logs;
using Docker.DotNet;

namespace ControlPlane.Agent.Executors.Docker;

/// <summary>
/// Copies a container's attached output to the sink (stdout and stderr byte-exact, in the order the daemon sent
/// them) and completes both streams when it ends, or when the drain gives up on it. Docker.DotNet's
/// <see cref="MultiplexedStream"/> splits the daemon's framed stream; each frame's bytes go to the stream it names.
/// </summary>
/// <remarks>
/// While attached, the daemon does not buffer without bound: a reader that falls behind slows the container's writes.
/// The sink is a fast target (the spool), so the container is not throttled by shipping.
/// </remarks>
internal sealed class ContainerOutputPump
{
    private readonly MultiplexedStream _output;
    private readonly IStepOutputSink _sink;
    private readonly Task _copy;
    private Exception? _failure;
    private bool _completed;
    private volatile bool _abandoned;

    /// <param name="onFailure">Called once when the sink or the stream fails, so the container can be stopped.</param>
    public ContainerOutputPump(MultiplexedStream output, IStepOutputSink sink, Action onFailure)
    {
        _output = output;
        _sink = sink;
        _copy = CopyAsync(onFailure);
    }

    /// <summary>Why the output could not be kept, if it could not.</summary>
    public Exception? Failure => Volatile.Read(ref _failure);

    /// <summary>
    /// Waits for the output to end (the container's process exited); after <paramref name="timeout"/> closes the
    /// stream and completes the sink's streams anyway.
    /// </summary>
    /// <returns>True when the output ended by itself.</returns>
    public async Task<bool> DrainAsync(TimeSpan timeout, TimeProvider timeProvider)
    {
        try
        {
            await _copy.WaitAsync(timeout, timeProvider);
            return true;
        }
        catch (TimeoutException)
        {
        }

        _abandoned = true;
        _output.Dispose();
        await _copy;
        if (!_completed && Failure is null)
        {
            try
            {
                await CompleteAsync();
            }
            catch (Exception ex)
            {
                _failure = ex;
            }
        }

        return false;
    }

    private async Task CopyAsync(Action onFailure)
    {
        // Yield first, so the caller goes on (to report the start) while the first bytes are read.
        await Task.Yield();
        try
        {
            // Our containers have no stdin and no TTY: every frame is stdout or stderr.
            await _output.CopyOutputToAsync(Stream.Null, new SinkStream(_sink, LogStream.Stdout), new SinkStream(_sink, LogStream.Stderr), CancellationToken.None);
            await CompleteAsync();
        }
        catch (Exception) when (_abandoned)
        {
            // DrainAsync gave up on the stream and closed it; it completes the streams itself.
        }
        catch (Exception ex)
        {
            _failure = ex;
            onFailure();
        }
    }

    private async Task CompleteAsync()
    {
        _completed = true;
        await _sink.CompleteAsync(LogStream.Stdout, CancellationToken.None);
        await _sink.CompleteAsync(LogStream.Stderr, CancellationToken.None);
    }
}
