using System.Security.Cryptography;
using System.Text.Json;
using ControlPlane.Agent.Storage;
using Microsoft.Win32.SafeHandles;

namespace ControlPlane.Agent.Logs.Spool;

/// <summary>
/// The on-disk log of one attempt: the masked stdout and stderr bytes in arrival order, numbered from 0 with one
/// numbering for both streams. Files in its directory: <c>data</c> (the bytes; a byte's offset is its file position),
/// <c>index</c> (which stream each range came from) and, once complete, <c>summary.json</c> (length and SHA-256).
/// Where shipping resumes after a reconnect is the server's to say (the reattach's log offset), so acknowledgements
/// are kept in memory by the attempt, not here.
/// <para>
/// Durability policy: appends go to the OS page cache (they survive an agent crash, not a power loss);
/// <see cref="FlushAsync"/> fsyncs data, then index, and only then are the bytes <em>durable</em>. Readers see durable
/// bytes only, so nothing is ever shipped that a power loss could take back. The log writer flushes at every batch
/// boundary (at most every 200 ms or 1 MiB). After a crash, <see cref="OpenAsync"/> repairs a torn tail: bytes not
/// covered by a complete index record were never durable, so never shipped, and are cut off.
/// </para>
/// All members are safe to call concurrently.
/// </summary>
public sealed partial class LogSpool : IAsyncDisposable
{
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SafeFileHandle _data;
    private readonly SafeFileHandle _index;
    private readonly SpoolIndex _segments;
    private readonly IncrementalHash _hash;
    private long _indexLength;

    /// <summary>The spool's directory.</summary>
    public string Directory { get; }

    /// <summary>Bytes appended so far.</summary>
    public long Length { get; private set; }

    /// <summary>Bytes fsynced; the only ones <see cref="ReadAsync"/> returns.</summary>
    public long DurableLength { get; private set; }

    /// <summary>Length and checksum once <see cref="CompleteAsync"/> has run (also after a reopen); null before.</summary>
    public LogSpoolSummary? Summary { get; private set; }

    /// <summary>Bytes cut off by <see cref="OpenAsync"/> because a crash left them without an index record.</summary>
    public long DiscardedOnOpen { get; private set; }

    /// <summary>Appends bytes of one stream; returns the offset of their first byte.</summary>
    /// <exception cref="InvalidOperationException">The spool is complete.</exception>
    public async ValueTask<long> AppendAsync(LogStream stream, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Summary is not null)
            {
                throw new InvalidOperationException($"Log spool {Directory} is complete; nothing can be appended.");
            }

            var offset = Length;
            if (bytes.IsEmpty)
            {
                return offset;
            }

            var segment = new SpoolSegment(offset, bytes.Length, stream);
            var record = new byte[SpoolSegment.RecordSize];
            segment.WriteTo(record);

            // Data before index: an index record never points at bytes that were not written.
            await RandomAccess.WriteAsync(_data, bytes, offset, cancellationToken);
            await RandomAccess.WriteAsync(_index, record, _indexLength, cancellationToken);
            _indexLength += SpoolSegment.RecordSize;
            _segments.Add(segment);
            _hash.AppendData(bytes.Span);
            Length += bytes.Length;
            return offset;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Makes every appended byte durable (fsync of data, then of index).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            FlushLocked();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Up to <paramref name="maxBytes"/> durable bytes from <paramref name="offset"/>, as chunks of one stream each;
    /// empty at the durable end.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The offset is negative or beyond the durable bytes.</exception>
    public async Task<IReadOnlyList<LogChunk>> ReadAsync(long offset, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ArgumentOutOfRangeException.ThrowIfNegative(offset);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(offset, DurableLength);
            var end = Math.Min(DurableLength, offset + maxBytes);
            var buffer = new byte[end - offset];
            await ReadExactlyAsync(_data, buffer, offset, cancellationToken);
            return [.. _segments.Overlapping(offset, end)
                .Select(s => new LogChunk(s.Offset, s.Stream, buffer.AsMemory((int)(s.Offset - offset), (int)s.Length)))];
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Flushes and seals the log: no more appends; the summary is written. Idempotent.</summary>
    public async Task<LogSpoolSummary> CompleteAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Summary is { } done)
            {
                return done;
            }

            FlushLocked();
            var summary = new LogSpoolSummary(Length, Convert.ToHexStringLower(_hash.GetCurrentHash()));
            var json = JsonSerializer.SerializeToUtf8Bytes(summary, AgentJsonContext.Default.LogSpoolSummary);
            await AtomicFile.WriteAsync(Path.Combine(Directory, SummaryFile), json, FileMode, cancellationToken);
            Summary = summary;
            return summary;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Flushes what was appended and closes the files.</summary>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            FlushLocked();
        }
        finally
        {
            _data.Dispose();
            _index.Dispose();
            _hash.Dispose();
            _gate.Release();
        }
    }

    // fsync is a blocking system call with no asynchronous form; it runs under the gate so no append interleaves.
    private void FlushLocked()
    {
        if (DurableLength == Length)
        {
            return;
        }

        RandomAccess.FlushToDisk(_data);
        RandomAccess.FlushToDisk(_index);
        DurableLength = Length;
    }

    private static async Task ReadExactlyAsync(SafeFileHandle handle, Memory<byte> buffer, long offset, CancellationToken cancellationToken)
    {
        while (!buffer.IsEmpty)
        {
            var read = await RandomAccess.ReadAsync(handle, buffer, offset, cancellationToken);
            if (read == 0)
            {
                throw new EndOfStreamException($"The spool's data file ended at {offset}, inside its indexed bytes.");
            }

            buffer = buffer[read..];
            offset += read;
        }
    }
}
