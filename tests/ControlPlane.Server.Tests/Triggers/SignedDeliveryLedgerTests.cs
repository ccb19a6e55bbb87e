using ControlPlane.Core.Runs;
using ControlPlane.Server.Triggers.Webhooks;
using ControlPlane.Store;
using ControlPlane.Testing;
using Microsoft.Extensions.Options;

namespace ControlPlane.Server.Tests.Triggers;

/// <summary>The replay window over a real store with a manual clock: a body is a replay for 24 hours, then forgotten.</summary>
public sealed class SignedDeliveryLedgerTests : IAsyncLifetime, IDisposable
{
    private static readonly byte[] Body = SignedDeliveryLedger.Digest("""{"ref": "main"}"""u8);
    private readonly TempDirectory _directory = new("cp-ledger");
    private readonly ManualTimeProvider _time = new();
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));
    private SqliteStore _store = null!;
    private SignedDeliveryLedger _ledger = null!;

    private CancellationToken Ct => _timeout.Token;

    public async Task InitializeAsync()
    {
        _store = await SqliteStore.OpenAsync(_directory.Combine("controlplane.db"), _time, Ct);
        _ledger = new SignedDeliveryLedger(_store, _time, Options.Create(new WebhookOptions()));
    }

    [Fact]
    public async Task A_body_is_a_replay_until_the_default_window_of_24_hours_has_passed()
    {
        await RecordAsync(Body, new RunId(7));

        _time.Advance(TimeSpan.FromHours(24));
        var atTheEnd = await _ledger.FindAsync("deploy", Body, Ct);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var after = await _ledger.FindAsync("deploy", Body, Ct);

        Assert.Equal(new RunId(7), atTheEnd?.RunId);
        Assert.Null(after);
    }

    [Fact]
    public async Task Recording_a_body_that_is_already_recorded_in_the_window_throws_and_writes_nothing()
    {
        await RecordAsync(Body, new RunId(7));
        _time.Advance(TimeSpan.FromHours(1));

        var replay = await Assert.ThrowsAsync<SignedDeliveryReplayedException>(() => RecordAsync(Body, new RunId(8)));

        Assert.Equal(new RunId(7), replay.Earlier.RunId);
        Assert.Equal(new RunId(7), (await _ledger.FindAsync("deploy", Body, Ct))?.RunId);
    }

    [Fact]
    public async Task Records_older_than_the_window_are_deleted_when_a_new_one_is_written()
    {
        await RecordAsync(Body, new RunId(7));
        _time.Advance(TimeSpan.FromHours(25));

        await RecordAsync(SignedDeliveryLedger.Digest("other"u8), new RunId(8));
        await using var unit = await _store.BeginReadAsync(Ct);
        var old = await unit.SignedDeliveries.FindAsync("deploy", Body, DateTimeOffset.MinValue, Ct);

        Assert.Null(old);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    public void Dispose()
    {
        _timeout.Dispose();
        _directory.Dispose();
    }

    private async Task RecordAsync(byte[] digest, RunId runId)
    {
        await using var unit = await _store.BeginAsync(Ct);
        await _ledger.RecordAsync(unit, "deploy", digest, runId, Ct);
        await unit.CommitAsync(Ct);
    }
}
