using ControlPlane.Core.Attempts;
using ControlPlane.Core.Runners;
using ControlPlane.Core.Storage;
using ControlPlane.Store.Tests.Support;

namespace ControlPlane.Store.Tests.Attempts;

public class LeaseTests
{
    private static readonly TimeSpan LeaseTime = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_grant_issues_a_new_epoch_and_fences_off_the_old_one()
    {
        await using var store = await TestStore.OpenAsync();
        var attempt = await OfferedAsync(store);

        var lease = await store.WriteAsync(unit => unit.Attempts.GrantLeaseAsync(attempt.Id, store.Time.GetUtcNow() + LeaseTime, store.Ct));

        Assert.Equal(new Lease(attempt.Id, attempt.RunnerId, 2, store.Time.GetUtcNow() + LeaseTime), lease);
        await Assert.ThrowsAsync<StaleLeaseException>(() =>
            store.WriteAsync(unit => unit.Attempts.ExtendLeaseAsync(attempt.Id, 1, store.Time.GetUtcNow() + LeaseTime, store.Ct)));
        Assert.Contains(await store.ReadAsync(unit => unit.Events.ReadAfterAsync(0, 100, store.Ct)), e => e.Kind == "lease_granted" && e.AttemptId == attempt.Id);
    }

    [Fact]
    public async Task Extending_with_the_current_epoch_moves_the_expiry_but_never_back()
    {
        await using var store = await TestStore.OpenAsync();
        var attempt = await OfferedAsync(store);
        store.Time.Advance(TimeSpan.FromSeconds(20));

        var extended = await store.WriteAsync(unit => unit.Attempts.ExtendLeaseAsync(attempt.Id, 1, store.Time.GetUtcNow() + LeaseTime, store.Ct));
        var notShortened = await store.WriteAsync(unit => unit.Attempts.ExtendLeaseAsync(attempt.Id, 1, store.Time.GetUtcNow(), store.Ct));

        Assert.Equal(store.Time.GetUtcNow() + LeaseTime, extended.ExpiresAt);
        Assert.Equal(extended.ExpiresAt, notShortened.ExpiresAt);
    }

    [Fact]
    public async Task A_finished_attempt_has_no_lease_to_extend_or_grant()
    {
        await using var store = await TestStore.OpenAsync();
        var attempt = await OfferedAsync(store);
        await store.WriteAsync(unit => unit.Attempts.TransitionAsync(attempt.Id, 1, AttemptTrigger.Reject, AttemptState.Offered, null, store.Ct));

        await Assert.ThrowsAsync<StateConflictException>(() => store.WriteAsync(unit => unit.Attempts.ExtendLeaseAsync(attempt.Id, 1, store.Time.GetUtcNow(), store.Ct)));
        await Assert.ThrowsAsync<StateConflictException>(() => store.WriteAsync(unit => unit.Attempts.GrantLeaseAsync(attempt.Id, store.Time.GetUtcNow(), store.Ct)));
    }

    [Fact]
    public async Task A_lease_is_expired_only_once_the_clock_passes_it_and_extending_it_revives_it()
    {
        await using var store = await TestStore.OpenAsync();
        var attempt = await OfferedAsync(store);

        store.Time.Advance(LeaseTime);
        Assert.Empty(await ExpiredAsync(store));
        store.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal([attempt.Id], (await ExpiredAsync(store)).Select(a => a.Id));

        await store.WriteAsync(unit => unit.Attempts.ExtendLeaseAsync(attempt.Id, 1, store.Time.GetUtcNow() + LeaseTime, store.Ct));
        Assert.Empty(await ExpiredAsync(store));
    }

    [Fact]
    public async Task Finished_attempts_never_show_up_as_expired()
    {
        await using var store = await TestStore.OpenAsync();
        var attempt = await OfferedAsync(store);
        await store.WriteAsync(unit => unit.Attempts.TransitionAsync(attempt.Id, 1, AttemptTrigger.OfferExpired, AttemptState.Offered, null, store.Ct));

        store.Time.Advance(TimeSpan.FromHours(1));

        Assert.Empty(await ExpiredAsync(store));
    }

    [Fact]
    public async Task Live_attempts_are_listed_and_counted_per_runner()
    {
        await using var store = await TestStore.OpenAsync();
        var attempt = await OfferedAsync(store);
        var other = await store.WriteAsync(unit => Seed.RunnerAsync(unit, store.Ct, "runner-2"));

        Assert.Equal([attempt.Id], (await store.ReadAsync(unit => unit.Attempts.ListLiveAsync(store.Ct))).Select(a => a.Id));
        Assert.Equal([attempt.Id], (await store.ReadAsync(unit => unit.Attempts.ListLiveByRunnerAsync(attempt.RunnerId, store.Ct))).Select(a => a.Id));
        Assert.Empty(await store.ReadAsync(unit => unit.Attempts.ListLiveByRunnerAsync(other.Id, store.Ct)));
        Assert.Equal(new Dictionary<RunnerId, int> { [attempt.RunnerId] = 1 }, await store.ReadAsync(unit => unit.Attempts.CountLiveByRunnerAsync(store.Ct)));
    }

    private static async Task<AttemptRecord> OfferedAsync(TestStore store)
    {
        var (_, step, runner) = await store.WriteAsync(unit => Seed.ReadyWorkAsync(unit, store.Ct));
        return await store.WriteAsync(unit => Seed.OfferAsync(unit, step.Id, runner.Id, store.Time.GetUtcNow() + LeaseTime, store.Ct));
    }

    private static Task<IReadOnlyList<AttemptRecord>> ExpiredAsync(TestStore store) =>
        store.ReadAsync(unit => unit.Attempts.ListExpiredLeasesAsync(store.Time.GetUtcNow(), 10, store.Ct));
}
