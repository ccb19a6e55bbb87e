using System.Text;
using ControlPlane.Core.Attempts;
using ControlPlane.Core.Logs;
using ControlPlane.Core.Runners;
using ControlPlane.Store.Tests.Support;

namespace ControlPlane.Store.Tests.Logs;

public class LogRepositoryTests
{
    private const string Log = "hello world\nthis is stderr\nbye\n";

    [Fact]
    public async Task Contiguous_chunks_are_acknowledged_and_read_back_in_order_with_their_streams()
    {
        await using var store = await TestStore.OpenAsync();
        var attempt = await AttemptAsync(store);

        await AppendAsync(store, attempt, 0, "hello world\n");
        var status = await AppendAsync(store, attempt, 12, "this is stderr\n", LogStream.Stderr);

        Assert.Equal(27, status.ReceivedBytes);
        var chunks = await ReadAsync(store, attempt, 0);
        Assert.Equal([(0L, LogStream.Stdout, "hello world\n"), (12L, LogStream.Stderr, "this is stderr\n")], chunks);
    }

    [Fact]
    public async Task A_duplicate_chunk_is_harmless()
    {
        await using var store = await TestStore.OpenAsync();
        var attempt = await AttemptAsync(store);
        await AppendAsync(store, attempt, 0, "hello ");

        var status = await AppendAsync(store, attempt, 0, "hello ");

        Assert.Equal(6, status.ReceivedBytes);
        Assert.Equal("hello ", Text(await ReadAsync(store, attempt, 0)));
    }

    [Fact]
    public async Task An_overlapping_chunk_adds_only_its_new_bytes()
    {
        await using var store = await TestStore.OpenAsync();
        var attempt = await AttemptAsync(store);
        await AppendAsync(store, attempt, 0, "hello wo");

        var status = await AppendAsync(store, attempt, 6, "world\n");

        Assert.Equal(12, status.ReceivedBytes);
        Assert.Equal("hello world\n", Text(await ReadAsync(store, attempt, 0)));
    }

    [Fact]
    public async Task A_chunk_past_a_gap_is_refused_with_the_offset_to_resend_from()
    {
        await using var store = await TestStore.OpenAsync();
        var attempt = await AttemptAsync(store);
        await AppendAsync(store, attempt, 0, "hello ");

        var error = await Assert.ThrowsAsync<LogGapException>(() => AppendAsync(store, attempt, 10, "ld\n"));

        Assert.Equal((6L, 10L), (error.ExpectedOffset, error.ReceivedOffset));
        Assert.Equal(6, (await StatusAsync(store, attempt)).ReceivedBytes);
        Assert.Equal("hello ", Text(await ReadAsync(store, attempt, 0)));
    }

    [Fact]
    public async Task Reading_from_the_middle_of_a_chunk_starts_exactly_there_and_stops_near_the_byte_budget()
    {
        await using var store = await TestStore.OpenAsync();
        var attempt = await AttemptAsync(store);
        await AppendAsync(store, attempt, 0, "hello world\n");
        await AppendAsync(store, attempt, 12, "this is stderr\n");
        await AppendAsync(store, attempt, 27, "bye\n");

        var fromMiddle = await ReadAsync(store, attempt, 6, maxBytes: 3);
        var fromEnd = await ReadAsync(store, attempt, 31);

        Assert.Equal([(6L, LogStream.Stdout, "world\n")], fromMiddle);
        Assert.Empty(fromEnd);
    }

    [Fact]
    public async Task A_log_is_complete_once_every_declared_byte_is_held_and_the_checksum_matches()
    {
        await using var store = await TestStore.OpenAsync();
        var attempt = await AttemptAsync(store);
        await AppendAsync(store, attempt, 0, Log[..20]);

        var declared = await ConfirmAsync(store, attempt, Log.Length, Checksum(Log));
        var finished = await AppendAsync(store, attempt, 20, Log[20..]);

        Assert.False(declared.IsComplete);
        Assert.Equal(new LogStatus(Log.Length, Log.Length, Checksum(Log), true), finished);
        Assert.Equal(finished, (await store.ReadAsync(unit => unit.Attempts.GetAsync(attempt.Id, store.Ct))).Log);
    }

    [Fact]
    public async Task Confirming_a_log_already_held_completes_it_at_once_and_again_changes_nothing()
    {
        await using var store = await TestStore.OpenAsync();
        var attempt = await AttemptAsync(store);
        await AppendAsync(store, attempt, 0, Log);

        var confirmed = await ConfirmAsync(store, attempt, Log.Length, Checksum(Log).ToUpperInvariant());
        var again = await ConfirmAsync(store, attempt, Log.Length, Checksum(Log));

        Assert.True(confirmed.IsComplete);
        Assert.Equal(confirmed, again);
    }

    [Fact]
    public async Task A_checksum_mismatch_is_never_accepted_as_complete()
    {
        await using var store = await TestStore.OpenAsync();
        var attempt = await AttemptAsync(store);
        await AppendAsync(store, attempt, 0, Log);

        await Assert.ThrowsAsync<LogIntegrityException>(() => ConfirmAsync(store, attempt, Log.Length, Checksum("something else")));

        Assert.False((await StatusAsync(store, attempt)).IsComplete);
    }

    [Fact]
    public async Task Bytes_past_the_declared_length_are_refused()
    {
        await using var store = await TestStore.OpenAsync();
        var attempt = await AttemptAsync(store);
        await ConfirmAsync(store, attempt, 4, Checksum("bye\n"));

        await Assert.ThrowsAsync<LogIntegrityException>(() => AppendAsync(store, attempt, 0, "bye\nmore"));
    }

    [Fact]
    public async Task A_stale_epoch_cannot_append_or_confirm()
    {
        await using var store = await TestStore.OpenAsync();
        var attempt = await AttemptAsync(store);
        await store.WriteAsync(unit => unit.Attempts.GrantLeaseAsync(attempt.Id, store.Time.GetUtcNow().AddMinutes(1), store.Ct));

        await Assert.ThrowsAsync<StaleLeaseException>(() => AppendAsync(store, attempt, 0, "x", epoch: 1));
        await Assert.ThrowsAsync<StaleLeaseException>(() => ConfirmAsync(store, attempt, 1, Checksum("x"), epoch: 1));
    }

    [Fact]
    public async Task Another_runner_cannot_append_to_or_confirm_an_attempt_it_does_not_hold_even_with_the_right_epoch()
    {
        await using var store = await TestStore.OpenAsync();
        var attempt = await AttemptAsync(store);
        await AppendAsync(store, attempt, 0, "real ");
        var intruder = new RunnerId(attempt.RunnerId.Value + 1000);

        var append = await Assert.ThrowsAsync<AttemptNotHeldException>(() =>
            store.WriteAsync(unit => unit.Logs.AppendAsync(new AttemptClaim(intruder, attempt.Id, attempt.LeaseEpoch), new LogChunk(5, LogStream.Stdout, "forged\n"u8.ToArray()), store.Ct)));
        await Assert.ThrowsAsync<AttemptNotHeldException>(() =>
            store.WriteAsync(unit => unit.Logs.ConfirmAsync(new AttemptClaim(intruder, attempt.Id, attempt.LeaseEpoch), 5, Checksum("real "), store.Ct)));

        Assert.Equal($"Attempt {attempt.Id} is not held by runner {intruder}.", append.Message);
        Assert.Equal("real ", Text(await ReadAsync(store, attempt, 0)));
        var status = await StatusAsync(store, attempt);
        Assert.Equal((5L, null, false), (status.ReceivedBytes, status.DeclaredLength, status.IsComplete));
    }

    [Fact]
    public async Task Logs_survive_a_restart_and_resume_from_the_acknowledged_offset()
    {
        await using var store = await TestStore.OpenAsync();
        var attempt = await AttemptAsync(store);
        await AppendAsync(store, attempt, 0, Log[..10]);

        await store.ReopenAsync();
        var resumedFrom = (await StatusAsync(store, attempt)).ReceivedBytes;
        await AppendAsync(store, attempt, resumedFrom, Log[(int)resumedFrom..]);

        Assert.Equal(Log, Text(await ReadAsync(store, attempt, 0)));
    }

    private static async Task<AttemptRecord> AttemptAsync(TestStore store)
    {
        var (_, step, runner) = await store.WriteAsync(unit => Seed.ReadyWorkAsync(unit, store.Ct));
        return await store.WriteAsync(unit => Seed.OfferAsync(unit, step.Id, runner.Id, store.Time.GetUtcNow().AddMinutes(1), store.Ct));
    }

    private static Task<LogStatus> AppendAsync(TestStore store, AttemptRecord attempt, long offset, string text, LogStream stream = LogStream.Stdout, long epoch = 1) =>
        store.WriteAsync(unit => unit.Logs.AppendAsync(new AttemptClaim(attempt.RunnerId, attempt.Id, epoch), new LogChunk(offset, stream, Encoding.UTF8.GetBytes(text)), store.Ct));

    private static Task<LogStatus> ConfirmAsync(TestStore store, AttemptRecord attempt, long length, string checksum, long epoch = 1) =>
        store.WriteAsync(unit => unit.Logs.ConfirmAsync(new AttemptClaim(attempt.RunnerId, attempt.Id, epoch), length, checksum, store.Ct));

    private static Task<LogStatus> StatusAsync(TestStore store, AttemptRecord attempt) =>
        store.ReadAsync(unit => unit.Logs.GetStatusAsync(attempt.Id, store.Ct));

    private static async Task<List<(long Offset, LogStream Stream, string Text)>> ReadAsync(TestStore store, AttemptRecord attempt, long from, int maxBytes = 1 << 20) =>
        [.. (await store.ReadAsync(unit => unit.Logs.ReadAsync(attempt.Id, from, maxBytes, store.Ct))).Select(c => (c.Offset, c.Stream, Encoding.UTF8.GetString(c.Data.Span)))];

    private static string Text(IEnumerable<(long Offset, LogStream Stream, string Text)> chunks) => string.Concat(chunks.Select(c => c.Text));

    private static string Checksum(string text) => LogChecksum.Of(Encoding.UTF8.GetBytes(text));
}
