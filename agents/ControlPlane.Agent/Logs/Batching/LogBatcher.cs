using System.Threading.Channels;

namespace ControlPlane.Agent.Logs.Batching;

/// <summary>
/// Cuts the growing log of one attempt into batches of at most <see cref="LogBatcherOptions.MaxBatchBytes"/> bytes,
/// and cuts whatever is pending once its first byte has waited <see cref="LogBatcherOptions.MaxBatchDelay"/>, so a
/// quiet step still ships promptly and a chatty one ships in large pieces. Batches are offset ranges, not bytes: the
/// bytes stay in the spool, which the shipper reads. Time comes from the injected <see cref="TimeProvider"/>.
/// <see cref="Add"/> and <see cref="Complete"/> may be called from any thread (the timer fires on its own).
/// </summary>
public sealed class LogBatcher : IDisposable
{
    private readonly LogBatcherOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly Channel<LogBatch> _batches = Channel.CreateUnbounded<LogBatch>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ITimer _timer;
    private readonly Lock _gate = new();
    private long _batchStart;
    private long _end;
    private bool _timerArmed;
    private long _armedAt;
    private bool _completed;

    /// <param name="startOffset">Where the log continues (the spool's length when resuming).</param>
    public LogBatcher(LogBatcherOptions options, TimeProvider timeProvider, long startOffset = 0)
    {
        options.Validate();
        _options = options;
        _timeProvider = timeProvider;
        _batchStart = _end = startOffset;
        _timer = timeProvider.CreateTimer(_ => OnDelayElapsed(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Batches in offset order, contiguous; completes after <see cref="Complete"/>.</summary>
    public ChannelReader<LogBatch> Batches => _batches.Reader;

    /// <summary>Bytes [<paramref name="offset"/>, +<paramref name="length"/>) were appended to the log.</summary>
    /// <exception cref="ArgumentException">The bytes do not continue the log where the previous ones ended.</exception>
    public void Add(long offset, long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_completed, this);
            if (offset != _end)
            {
                throw new ArgumentException($"Log bytes must be contiguous: expected offset {_end}, got {offset}.", nameof(offset));
            }

            _end += length;
            while (_end - _batchStart >= _options.MaxBatchBytes)
            {
                Cut(_batchStart + _options.MaxBatchBytes);
            }

            // The bytes left over begin a new batch now: its delay counts from here.
            if (_end > _batchStart && !_timerArmed)
            {
                _timer.Change(_options.MaxBatchDelay, Timeout.InfiniteTimeSpan);
                _timerArmed = true;
                _armedAt = _timeProvider.GetTimestamp();
            }
        }
    }

    /// <summary>Cuts what is pending and completes <see cref="Batches"/>; the log is over. Idempotent.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            if (_completed)
            {
                return;
            }

            Cut(_end);
            _completed = true;
            _batches.Writer.TryComplete();
        }
    }

    public void Dispose()
    {
        Complete();
        _timer.Dispose();
    }

    private void OnDelayElapsed()
    {
        lock (_gate)
        {
            if (_completed || !_timerArmed)
            {
                return;
            }

            // A tick from a timer that was re-armed meanwhile must not cut the newer batch early.
            var waited = _timeProvider.GetElapsedTime(_armedAt);
            if (waited < _options.MaxBatchDelay)
            {
                _timer.Change(_options.MaxBatchDelay - waited, Timeout.InfiniteTimeSpan);
                return;
            }

            Cut(_end);
        }
    }

    private void Cut(long end)
    {
        if (end > _batchStart)
        {
            _batches.Writer.TryWrite(new LogBatch(_batchStart, end - _batchStart));
            _batchStart = end;
        }

        _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timerArmed = false;
    }
}
