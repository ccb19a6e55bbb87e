using ControlPlane.Agent.Logs;

namespace ControlPlane.Agent.Executors.Shell;

/// <summary>
/// Copies stdout and stderr of one process to an <see cref="IStepOutputSink"/>: one reader per stream, so a full pipe
/// on one never blocks the other, and the sink called by one reader at a time.
/// </summary>
internal sealed class OutputPumps : IDisposable
{
    private readonly IStepOutputSink _sink;
    private readonly SemaphoreSlim _sinkGate = new(1, 1);
    private readonly CancellationTokenSource _abandon = new();
    private readonly Task[] _pumps;
    private readonly bool[] _completed = new bool[2];
    private Exception? _failure;

    /// <param name="onFailure">Called once when the sink or a read fails, so the step can be stopped.</param>
    public OutputPumps(Stream stdout, Stream stderr, IStepOutputSink sink, int bufferSize, Action onFailure)
    {
        _sink = sink;
        _pumps = [PumpAsync(stdout, LogStream.Stdout, bufferSize, onFailure), PumpAsync(stderr, LogStream.Stderr, bufferSize, onFailure)];
    }

    /// <summary>Why output could not be kept, if it could not.</summary>
    public Exception? Failure => Volatile.Read(ref _failure);

    /// <summary>
    /// Waits for both streams to reach end of file; after <paramref name="timeout"/> stops reading (a process outside
    /// the group still holds them) and completes them in the sink anyway.
    /// </summary>
    /// <returns>True when both streams ended by themselves.</returns>
    public async Task<bool> DrainAsync(TimeSpan timeout, TimeProvider timeProvider)
    {
        var all = Task.WhenAll(_pumps);
        try
        {
            await all.WaitAsync(timeout, timeProvider);
            return true;
        }
        catch (TimeoutException)
        {
            await _abandon.CancelAsync();
            await Task.WhenAll(_pumps.Select(p => p.ContinueWith(_ => { }, TaskScheduler.Default)));
            await CompleteRemainingAsync();
            return false;
        }
    }

    public void Dispose()
    {
        _abandon.Dispose();
        _sinkGate.Dispose();
    }

    private async Task PumpAsync(Stream stream, LogStream name, int bufferSize, Action onFailure)
    {
        // Yield first, so the constructor returns before the first read blocks.
        await Task.Yield();
        var buffer = new byte[bufferSize];
        var token = _abandon.Token;
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, token)) > 0)
            {
                await CallSinkAsync(() => _sink.WriteAsync(name, buffer.AsMemory(0, read), token), token);
            }

            await CallSinkAsync(() => Complete(name, token), token);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Abandoned by DrainAsync, which completes the stream itself.
        }
        catch (Exception ex)
        {
            if (Interlocked.CompareExchange(ref _failure, ex, null) is null)
            {
                onFailure();
            }
        }
    }

    private async Task CallSinkAsync(Func<ValueTask> call, CancellationToken cancellationToken)
    {
        await _sinkGate.WaitAsync(cancellationToken);
        try
        {
            await call();
        }
        finally
        {
            _sinkGate.Release();
        }
    }

    private ValueTask Complete(LogStream name, CancellationToken cancellationToken)
    {
        _completed[(int)name - 1] = true;
        return _sink.CompleteAsync(name, cancellationToken);
    }

    private async Task CompleteRemainingAsync()
    {
        foreach (var name in new[] { LogStream.Stdout, LogStream.Stderr })
        {
            if (_completed[(int)name - 1] || Failure is not null)
            {
                continue;
            }

            try
            {
                await CallSinkAsync(() => Complete(name, CancellationToken.None), CancellationToken.None);
            }
            catch (Exception ex)
            {
                Interlocked.CompareExchange(ref _failure, ex, null);
            }
        }
    }
}
