using System.Security.Cryptography;
using System.Text.Json;
using ControlPlane.Agent.Storage;
using Microsoft.Win32.SafeHandles;

namespace ControlPlane.Agent.Logs.Spool;

/// <summary>Opening a spool: creating it, or resuming one a previous agent life left, repairing a torn tail.</summary>
public sealed partial class LogSpool
{
    private const string DataFile = "data";
    private const string IndexFile = "index";
    private const string SummaryFile = "summary.json";
    private const int HashBlockSize = 1024 * 1024;

    private LogSpool(string directory, SafeFileHandle data, SafeFileHandle index)
    {
        Directory = directory;
        _data = data;
        _index = index;
        _segments = new SpoolIndex();
        _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    }

    /// <summary>
    /// Opens the spool in <paramref name="directory"/>, creating it (mode 0700) if needed. A spool left by a crash is
    /// repaired: a torn index record and data bytes no complete record covers are cut off (see
    /// <see cref="DiscardedOnOpen"/>), and everything kept is fsynced, so it is durable from here on.
    /// </summary>
    /// <exception cref="LogSpoolCorruptException">The files contradict each other beyond what a crash can do.</exception>
    public static async Task<LogSpool> OpenAsync(string directory, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        AtomicFile.DeleteTemporaries(directory);
        var data = OpenOwnerOnly(Path.Combine(directory, DataFile));
        var index = OpenOwnerOnly(Path.Combine(directory, IndexFile));
        var spool = new LogSpool(directory, data, index);
        try
        {
            await spool.RecoverAsync(cancellationToken);
            return spool;
        }
        catch
        {
            await spool.DisposeAsync();
            throw;
        }
    }

    // File.OpenHandle creates with 0666 minus the umask (0644 under the usual 022); the log holds what steps printed,
    // so it is narrowed to 0600 at once, whatever the umask (fchmod on the open handle, no path race).
    private static SafeFileHandle OpenOwnerOnly(string path)
    {
        var handle = File.OpenHandle(path, System.IO.FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, FileOptions.Asynchronous);
        try
        {
            File.SetUnixFileMode(handle, FileMode);
            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private async Task RecoverAsync(CancellationToken cancellationToken)
    {
        var dataLength = RandomAccess.GetLength(_data);
        var covered = await LoadIndexAsync(dataLength, cancellationToken);
        if (dataLength > covered)
        {
            RandomAccess.SetLength(_data, covered);
            DiscardedOnOpen = dataLength - covered;
        }

        Length = covered;
        RandomAccess.FlushToDisk(_data);
        RandomAccess.FlushToDisk(_index);
        DurableLength = Length;
        Summary = await ReadSummaryAsync(cancellationToken);
        if (Summary is null)
        {
            await HashExistingBytesAsync(cancellationToken);
        }
    }

    // Keeps the longest prefix of valid, contiguous records that the data file backs; returns the bytes they cover.
    private async Task<long> LoadIndexAsync(long dataLength, CancellationToken cancellationToken)
    {
        var records = new byte[RandomAccess.GetLength(_index) / SpoolSegment.RecordSize * SpoolSegment.RecordSize];
        await ReadExactlyAsync(_index, records, 0, cancellationToken);
        long covered = 0;
        var kept = 0;
        for (; kept * SpoolSegment.RecordSize < records.Length; kept++)
        {
            var record = records.AsMemory(kept * SpoolSegment.RecordSize, SpoolSegment.RecordSize);
            if (!SpoolSegment.TryRead(record.Span, covered, out var segment))
            {
                break;
            }

            if (segment.EndOffset > dataLength)
            {
                // The index reached the disk before the data it describes (power loss between the two writes).
                if (dataLength > segment.Offset)
                {
                    segment = segment with { Length = dataLength - segment.Offset };
                    segment.WriteTo(record.Span);
                    await RandomAccess.WriteAsync(_index, record, kept * (long)SpoolSegment.RecordSize, cancellationToken);
                    _segments.Add(segment);
                    covered = segment.EndOffset;
                    kept++;
                }

                break;
            }

            _segments.Add(segment);
            covered = segment.EndOffset;
        }

        _indexLength = kept * (long)SpoolSegment.RecordSize;
        if (RandomAccess.GetLength(_index) != _indexLength)
        {
            RandomAccess.SetLength(_index, _indexLength);
        }

        return covered;
    }

    private async Task<LogSpoolSummary?> ReadSummaryAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(Directory, SummaryFile);
        if (!File.Exists(path))
        {
            return null;
        }

        await using var stream = File.OpenRead(path);
        var summary = await JsonSerializer.DeserializeAsync(stream, AgentJsonContext.Default.LogSpoolSummary, cancellationToken)
            ?? throw new LogSpoolCorruptException(Directory, "the summary is empty");
        if (summary.Length != Length)
        {
            throw new LogSpoolCorruptException(Directory, $"the summary says {summary.Length} bytes, the data holds {Length}");
        }

        return summary;
    }

    private async Task HashExistingBytesAsync(CancellationToken cancellationToken)
    {
        var block = new byte[HashBlockSize];
        for (long offset = 0; offset < Length; offset += block.Length)
        {
            var size = (int)Math.Min(block.Length, Length - offset);
            await ReadExactlyAsync(_data, block.AsMemory(0, size), offset, cancellationToken);
            _hash.AppendData(block, 0, size);
        }
    }
}
