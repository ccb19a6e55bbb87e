using System.Buffers;
using System.Threading.Channels;
using ControlPlane.Agent.Executors;
using ControlPlane.Agent.Logs.Batching;
using ControlPlane.Agent.Logs.Masking;
using ControlPlane.Agent.Logs.Spool;

namespace ControlPlane.Agent.Logs;

/// <summary>
/// The output sink of one attempt: masks each stream, appends the masked bytes to the spool (so offsets number the
/// masked log and no secret ever reaches the disk), and cuts batches. Each batch is made durable (spool fsync) before
/// it appears in <see cref="DurableBatches"/>, which is what the shipper sends.
/// </summary>
public sealed class AttemptLogWriter : IStepOutputSink, IAsyncDisposable
{
    private readonly LogSpool _spool;
    private readonly LogBatcher _batcher;
    private readonly StreamMasker _stdout;
    private readonly StreamMasker _stderr;
    private readonly ArrayBufferWriter<byte> _masked = new();
    private readonly Channel<LogBatch> _durable = Channel.CreateUnbounded<LogBatch>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly Task _flushing;

    public AttemptLogWriter(LogSpool spool, SecretMasker masker, LogBatcherOptions options, TimeProvider timeProvider)
    {
        _spool = spool;
        _batcher = new LogBatcher(options, timeProvider, spool.Length);
        _stdout = masker.CreateStreamMasker();
        _stderr = masker.CreateStreamMasker();
        _flushing = FlushBatchesAsync();
    }

    /// <summary>Batches whose bytes are durable in the spool, in order; completes after <see cref="SealAsync"/>.</summary>
    public ChannelReader<LogBatch> DurableBatches => _durable.Reader;

    /// <summary>Not thread-safe: the executor's sink contract guarantees one call at a time.</summary>
    public async ValueTask WriteAsync(LogStream stream, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        _masked.ResetWrittenCount();
        MaskerOf(stream).Write(bytes.Span, _masked);
        await AppendMaskedAsync(stream, cancellationToken);
    }

    /// <summary>Releases what the stream's masker held back (a possible secret's beginning that never completed).</summary>
    public async ValueTask CompleteAsync(LogStream stream, CancellationToken cancellationToken)
    {
        _masked.ResetWrittenCount();
        MaskerOf(stream).Complete(_masked);
        await AppendMaskedAsync(stream, cancellationToken);
    }

    /// <summary>The log is over: cuts the last batch, waits until it is durable, seals the spool.</summary>
    public async Task<LogSpoolSummary> SealAsync(CancellationToken cancellationToken)
    {
        _batcher.Complete();
        await _flushing.WaitAsync(cancellationToken);
        return await _spool.CompleteAsync(cancellationToken);
    }

    /// <summary>Stops batching; the spool itself belongs to the caller.</summary>
    public async ValueTask DisposeAsync()
    {
        _batcher.Dispose();
        try
        {
            await _flushing;
        }
        catch (IOException)
        {
            // Already reported to whoever read DurableBatches.
        }
    }

    private StreamMasker MaskerOf(LogStream stream) => stream == LogStream.Stdout ? _stdout : _stderr;

    private async Task AppendMaskedAsync(LogStream stream, CancellationToken cancellationToken)
    {
        if (_flushing.IsFaulted)
        {
            // The spool cannot be made durable: fail the step rather than keep output that will never ship.
            await _flushing;
        }

        if (_masked.WrittenCount == 0)
        {
            return;
        }

        var offset = await _spool.AppendAsync(stream, _masked.WrittenMemory, cancellationToken);
        _batcher.Add(offset, _masked.WrittenCount);
    }

    private async Task FlushBatchesAsync()
    {
        try
        {
            await foreach (var batch in _batcher.Batches.ReadAllAsync())
            {
                await _spool.FlushAsync(CancellationToken.None);
                _durable.Writer.TryWrite(batch);
            }

            _durable.Writer.TryComplete();
        }
        catch (Exception ex)
        {
            _durable.Writer.TryComplete(ex);
            throw;
        }
    }
}
