using ControlPlane.Core.Runs;
using ControlPlane.Store.Tests.Support;

namespace ControlPlane.Store.Tests.Runs;

public class IdempotencyKeyTests
{
    [Fact]
    public async Task A_run_is_found_by_its_idempotency_key()
    {
        await using var store = await TestStore.OpenAsync();
        var run = await store.WriteAsync(unit => Seed.RunAsync(unit, store.Ct, idempotencyKey: "pr-17-push-3"));

        Assert.Equal(run, await store.ReadAsync(unit => unit.Runs.FindByIdempotencyKeyAsync("pr-17-push-3", store.Ct)));
        Assert.Equal(run.Id, await store.ReadAsync(unit => unit.IdempotencyKeys.FindRunAsync("pr-17-push-3", store.Ct)));
    }

    [Fact]
    public async Task A_second_run_with_the_same_key_is_refused_and_leaves_nothing_behind()
    {
        await using var store = await TestStore.OpenAsync();
        var first = await store.WriteAsync(unit => Seed.RunAsync(unit, store.Ct, idempotencyKey: "k"));

        await using (var unit = await store.Store.BeginAsync(store.Ct))
        {
            var error = await Assert.ThrowsAsync<DuplicateIdempotencyKeyException>(() => Seed.RunAsync(unit, store.Ct, idempotencyKey: "k"));
            Assert.Equal(("k", first.Id), (error.Key, error.ExistingRun));
            await unit.CommitAsync(store.Ct);
        }

        Assert.Equal([first.Id], (await store.ReadAsync(unit => unit.Runs.ListActiveAsync(store.Ct))).Select(r => r.Id));
    }

    [Fact]
    public async Task Forgotten_keys_no_longer_find_their_run_but_the_run_stays()
    {
        await using var store = await TestStore.OpenAsync();
        var old = await store.WriteAsync(unit => Seed.RunAsync(unit, store.Ct, idempotencyKey: "old"));
        store.Time.Advance(TimeSpan.FromDays(2));
        await store.WriteAsync(unit => Seed.RunAsync(unit, store.Ct, idempotencyKey: "new"));

        var forgotten = await store.WriteAsync(unit => unit.IdempotencyKeys.ForgetClaimedBeforeAsync(store.Time.GetUtcNow() - TimeSpan.FromDays(1), store.Ct));

        Assert.Equal(1, forgotten);
        Assert.Null(await store.ReadAsync(unit => unit.Runs.FindByIdempotencyKeyAsync("old", store.Ct)));
        Assert.NotNull(await store.ReadAsync(unit => unit.Runs.FindByIdempotencyKeyAsync("new", store.Ct)));
        Assert.Equal("old", (await store.ReadAsync(unit => unit.Runs.GetAsync(old.Id, store.Ct))).IdempotencyKey);
    }
}
