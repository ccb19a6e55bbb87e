using System.Text;
using ControlPlane.Agent.Executors;
using ControlPlane.Agent.Logs;
using ControlPlane.Agent.Logs.Batching;
using ControlPlane.Agent.Logs.Masking;
using ControlPlane.Agent.Logs.Spool;
using ControlPlane.Agent.Tests.Support;
using ControlPlane.Testing;

namespace ControlPlane.Agent.Tests.Logs;

public sealed class AttemptLogWriterTests : IDisposable
{
    private const string Secret = "s3cret-Value-42";
    private readonly TempDirectory _root = new("cp-agent-log");
    private readonly ManualTimeProvider _clock = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Secrets_are_masked_before_the_spool_so_offsets_number_the_masked_bytes()
    {
        await using var spool = await LogSpool.OpenAsync(_root.Combine("spool"), default);
        await using var writer = new AttemptLogWriter(spool, new SecretMasker([Secret]), new LogBatcherOptions(), _clock);

        await writer.WriteAsync(LogStream.Stdout, Bytes("token s3cret-Va"), default);
        await writer.WriteAsync(LogStream.Stderr, Bytes("warning\n"), default);
        await writer.WriteAsync(LogStream.Stdout, Bytes("lue-42 ok\n"), default);
        await writer.CompleteAsync(LogStream.Stdout, default);
        await writer.CompleteAsync(LogStream.Stderr, default);
        var summary = await writer.SealAsync(default);

        var onDisk = await File.ReadAllTextAsync(_root.Combine("spool", "data"));
        Assert.Equal("token warning\n*** ok\n", onDisk);
        Assert.Equal(onDisk.Length, summary.Length);
        Assert.DoesNotContain(Secret, onDisk, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_is_published_only_once_its_bytes_are_durable()
    {
        await using var spool = await LogSpool.OpenAsync(_root.Combine("spool"), default);
        await using var writer = new AttemptLogWriter(spool, SecretMasker.None, new LogBatcherOptions(), _clock);

        await writer.WriteAsync(LogStream.Stdout, Bytes("0123456789"), default);
        Assert.False(writer.DurableBatches.TryRead(out _));

        _clock.Advance(TimeSpan.FromMilliseconds(200));
        var batch = await writer.DurableBatches.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(new LogBatch(0, 10), batch);
        Assert.True(spool.DurableLength >= batch.EndOffset);
        Assert.Equal("0123456789", Text((await spool.ReadAsync(batch.Offset, (int)batch.Length, default))[0].Bytes));
    }

    [Fact]
    public async Task A_real_step_that_prints_its_secret_in_plain_and_base64_leaves_no_trace_of_it_in_the_spool()
    {
        using var shell = new ShellHarness();
        await using var spool = await LogSpool.OpenAsync(_root.Combine("spool"), default);
        await using var writer = new AttemptLogWriter(spool, new SecretMasker([Secret]), new LogBatcherOptions(), TimeProvider.System);
        var step = ShellHarness.Step("""
            echo "plain: $TOKEN"
            printf '%s' "$TOKEN" | base64
            printf 'user:%s' "$TOKEN" | base64 >&2
            """) with { Environment = new Dictionary<string, string> { ["TOKEN"] = Secret } };

        var result = await shell.Executor.RunAsync(step, writer, null, default);
        var summary = await writer.SealAsync(default);

        var log = await File.ReadAllTextAsync(_root.Combine("spool", "data"));
        Assert.Equal(StepOutcome.Succeeded, result.Outcome);
        Assert.Equal(log.Length, summary.Length);
        // stdout and stderr are read separately: only each stream's own order is certain.
        Assert.Contains("plain: ***\n***\n", log, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, log, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Bytes(Secret))[..12], log, StringComparison.Ordinal);
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(ReadOnlyMemory<byte> bytes) => Encoding.UTF8.GetString(bytes.Span);
}
