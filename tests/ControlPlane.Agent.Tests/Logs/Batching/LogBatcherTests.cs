using ControlPlane.Agent.Logs.Batching;
using ControlPlane.Testing;

namespace ControlPlane.Agent.Tests.Logs.Batching;

public sealed class LogBatcherTests : IDisposable
{
    private const int MiB = 1024 * 1024;
    private readonly ManualTimeProvider _clock = new();
    private readonly LogBatcher _batcher;

    public LogBatcherTests()
    {
        _batcher = new LogBatcher(new LogBatcherOptions(), _clock);
    }

    public void Dispose() => _batcher.Dispose();

    [Fact]
    public void A_batch_is_cut_as_soon_as_it_reaches_1_MiB()
    {
        _batcher.Add(0, 600_000);
        Assert.Empty(Cut());

        _batcher.Add(600_000, 600_000);

        Assert.Equal([new LogBatch(0, MiB)], Cut());
    }

    [Fact]
    public void A_large_write_is_cut_into_batches_of_at_most_1_MiB()
    {
        _batcher.Add(0, (3 * MiB) + 5);
        Assert.Equal([new LogBatch(0, MiB), new LogBatch(MiB, MiB), new LogBatch(2 * MiB, MiB)], Cut());

        _clock.Advance(TimeSpan.FromMilliseconds(200));

        Assert.Equal([new LogBatch(3 * MiB, 5)], Cut());
    }

    [Fact]
    public void Pending_bytes_are_cut_200_ms_after_the_first_of_them_arrived()
    {
        _batcher.Add(0, 10);
        _clock.Advance(TimeSpan.FromMilliseconds(150));
        _batcher.Add(10, 10);
        _clock.Advance(TimeSpan.FromMilliseconds(49));
        Assert.Empty(Cut());

        _clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal([new LogBatch(0, 20)], Cut());
    }

    [Fact]
    public void Bytes_left_over_after_a_size_cut_wait_their_own_200_ms()
    {
        _batcher.Add(0, 100);
        _clock.Advance(TimeSpan.FromMilliseconds(150));
        _batcher.Add(100, MiB);
        Assert.Equal([new LogBatch(0, MiB)], Cut());

        _clock.Advance(TimeSpan.FromMilliseconds(199));
        Assert.Empty(Cut());
        _clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal([new LogBatch(MiB, 100)], Cut());
    }

    [Fact]
    public void A_quiet_log_produces_no_empty_batches()
    {
        _clock.Advance(TimeSpan.FromSeconds(5));
        _batcher.Add(0, 0);
        _clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Empty(Cut());
    }

    [Fact]
    public async Task Complete_cuts_the_rest_and_ends_the_batches()
    {
        _batcher.Add(0, 42);

        _batcher.Complete();

        Assert.Equal([new LogBatch(0, 42)], Cut());
        Assert.False(await _batcher.Batches.WaitToReadAsync());
    }

    [Fact]
    public void A_resumed_log_continues_at_its_offset_and_bytes_must_be_contiguous()
    {
        using var resumed = new LogBatcher(new LogBatcherOptions(), _clock, startOffset: 5000);

        Assert.Throws<ArgumentException>(() => resumed.Add(0, 10));
        resumed.Add(5000, 10);
        resumed.Complete();

        Assert.True(resumed.Batches.TryRead(out var batch));
        Assert.Equal(new LogBatch(5000, 10), batch);
    }

    private List<LogBatch> Cut()
    {
        var batches = new List<LogBatch>();
        while (_batcher.Batches.TryRead(out var batch))
        {
            batches.Add(batch);
        }

        return batches;
    }
}
