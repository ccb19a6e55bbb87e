using System.Security.Cryptography;
using System.Text;
using ControlPlane.Agent.Logs;
using ControlPlane.Agent.Logs.Spool;
using ControlPlane.Testing;

namespace ControlPlane.Agent.Tests.Logs.Spool;

public sealed class LogSpoolTests : IDisposable
{
    private readonly TempDirectory _root = new("cp-agent-spool");

    private string SpoolDirectory => _root.Combine("run-1", "step-1", "1");

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Bytes_are_numbered_once_across_both_streams_and_read_back_from_any_offset()
    {
        await using var spool = await LogSpool.OpenAsync(SpoolDirectory, default);

        Assert.Equal(0, await spool.AppendAsync(LogStream.Stdout, Bytes("hello "), default));
        Assert.Equal(6, await spool.AppendAsync(LogStream.Stderr, Bytes("err"), default));
        Assert.Equal(9, await spool.AppendAsync(LogStream.Stdout, Bytes("world"), default));
        await spool.FlushAsync(default);

        var middle = await spool.ReadAsync(7, 4, default);
        Assert.Equal([(7L, LogStream.Stderr, "rr"), (9L, LogStream.Stdout, "wo")], middle.Select(Describe));
        var all = await spool.ReadAsync(0, 1000, default);
        Assert.Equal("hello errworld", string.Concat(all.Select(c => Text(c.Bytes))));
        Assert.Empty(await spool.ReadAsync(14, 10, default));
    }

    [Fact]
    public async Task Only_bytes_made_durable_by_a_flush_can_be_read_for_shipping()
    {
        await using var spool = await LogSpool.OpenAsync(SpoolDirectory, default);
        await spool.AppendAsync(LogStream.Stdout, Bytes("not yet"), default);

        Assert.Equal(7, spool.Length);
        Assert.Equal(0, spool.DurableLength);
        Assert.Empty(await spool.ReadAsync(0, 100, default));

        await spool.FlushAsync(default);
        Assert.Equal("not yet", Text((await spool.ReadAsync(0, 100, default))[0].Bytes));
    }

    [Fact]
    public async Task After_a_reopen_the_bytes_from_the_offset_the_server_resumes_at_are_read_again()
    {
        var payload = RandomBytes(1000);
        await using (var spool = await LogSpool.OpenAsync(SpoolDirectory, default))
        {
            await spool.AppendAsync(LogStream.Stdout, payload, default);
            await spool.FlushAsync(default);
        }

        await using var reopened = await LogSpool.OpenAsync(SpoolDirectory, default);
        var resent = await reopened.ReadAsync(400, 64 * 1024, default);

        Assert.Equal(1000, reopened.Length);
        Assert.Equal(400, resent[0].Offset);
        Assert.Equal(payload[400..], resent.SelectMany(c => c.Bytes.ToArray()));
    }

    [Fact]
    public async Task Length_and_SHA256_cover_every_byte_in_offset_order_across_a_reopen()
    {
        var first = RandomBytes(70_000);
        var second = RandomBytes(33_333);
        await using (var spool = await LogSpool.OpenAsync(SpoolDirectory, default))
        {
            await spool.AppendAsync(LogStream.Stdout, first, default);
        }

        LogSpoolSummary summary;
        await using (var resumed = await LogSpool.OpenAsync(SpoolDirectory, default))
        {
            await resumed.AppendAsync(LogStream.Stderr, second, default);
            summary = await resumed.CompleteAsync(default);
        }

        await using var sealedSpool = await LogSpool.OpenAsync(SpoolDirectory, default);
        Assert.Equal(first.Length + second.Length, summary.Length);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData([.. first, .. second])), summary.Sha256);
        Assert.Equal(summary, sealedSpool.Summary);
        await Assert.ThrowsAsync<InvalidOperationException>(() => sealedSpool.AppendAsync(LogStream.Stdout, Bytes("late"), default).AsTask());
    }

    [Fact]
    public async Task A_torn_tail_left_by_a_crash_is_cut_off_and_the_log_continues_where_it_was_durable()
    {
        await using (var spool = await LogSpool.OpenAsync(SpoolDirectory, default))
        {
            await spool.AppendAsync(LogStream.Stdout, Bytes("durable line\n"), default);
            await spool.FlushAsync(default);
        }

        // What a crash mid-append leaves: data written without its index record, and half a record.
        await File.AppendAllTextAsync(Path.Combine(SpoolDirectory, "data"), "half-written", default);
        await File.AppendAllBytesAsync(Path.Combine(SpoolDirectory, "index"), [13, 0, 0, 0, 0], default);

        await using var reopened = await LogSpool.OpenAsync(SpoolDirectory, default);
        await reopened.AppendAsync(LogStream.Stderr, Bytes("after restart\n"), default);
        var summary = await reopened.CompleteAsync(default);

        Assert.Equal("half-written".Length, reopened.DiscardedOnOpen);
        Assert.Equal(0, new FileInfo(Path.Combine(SpoolDirectory, "index")).Length % 16);
        Assert.Equal([(0L, LogStream.Stdout, "durable line\n"), (13L, LogStream.Stderr, "after restart\n")], (await reopened.ReadAsync(0, 100, default)).Select(Describe));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Bytes("durable line\nafter restart\n"))), summary.Sha256);
    }

    [Fact]
    public async Task An_index_that_reached_the_disk_before_its_data_is_trimmed_to_the_bytes_present()
    {
        await using (var spool = await LogSpool.OpenAsync(SpoolDirectory, default))
        {
            await spool.AppendAsync(LogStream.Stdout, Bytes("0123456789"), default);
            await spool.AppendAsync(LogStream.Stderr, Bytes("abcdefghij"), default);
        }

        await using (var data = new FileStream(Path.Combine(SpoolDirectory, "data"), FileMode.Open))
        {
            data.SetLength(14);
        }

        await using var reopened = await LogSpool.OpenAsync(SpoolDirectory, default);

        Assert.Equal(14, reopened.Length);
        Assert.Equal([(0L, LogStream.Stdout, "0123456789"), (10L, LogStream.Stderr, "abcd")], (await reopened.ReadAsync(0, 100, default)).Select(Describe));
    }

    [Fact]
    public async Task Thousands_of_small_interleaved_writes_read_back_in_pieces_give_each_stream_exactly()
    {
        var random = new Random(7);
        var expected = new Dictionary<LogStream, List<byte>> { [LogStream.Stdout] = [], [LogStream.Stderr] = [] };
        await using var spool = await LogSpool.OpenAsync(SpoolDirectory, default);
        for (var i = 0; i < 5000; i++)
        {
            var stream = random.Next(3) == 0 ? LogStream.Stderr : LogStream.Stdout;
            var bytes = RandomBytes(random.Next(1, 40));
            await spool.AppendAsync(stream, bytes, default);
            expected[stream].AddRange(bytes);
        }

        await spool.FlushAsync(default);
        var actual = new Dictionary<LogStream, List<byte>> { [LogStream.Stdout] = [], [LogStream.Stderr] = [] };
        for (long offset = 0; offset < spool.DurableLength;)
        {
            foreach (var chunk in await spool.ReadAsync(offset, 4096, default))
            {
                Assert.Equal(offset, chunk.Offset);
                actual[chunk.Stream].AddRange(chunk.Bytes.ToArray());
                offset = chunk.EndOffset;
            }
        }

        Assert.Equal(expected[LogStream.Stdout], actual[LogStream.Stdout]);
        Assert.Equal(expected[LogStream.Stderr], actual[LogStream.Stderr]);
    }

    private static (long, LogStream, string) Describe(LogChunk chunk) => (chunk.Offset, chunk.Stream, Text(chunk.Bytes));

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(ReadOnlyMemory<byte> bytes) => Encoding.UTF8.GetString(bytes.Span);

    private static byte[] RandomBytes(int count) => RandomNumberGenerator.GetBytes(count);
}
