using System.Text;
using ControlPlane.Core.Runners;
using ControlPlane.Core.StateMachines;
using ControlPlane.Core.Storage;
using ControlPlane.Store.Tests.Support;

namespace ControlPlane.Store.Tests.Runners;

public class RunnerRepositoryTests
{
    [Fact]
    public async Task A_registered_runner_reads_back_offline_with_its_labels_and_capacity()
    {
        await using var store = await TestStore.OpenAsync();
        var registered = await store.WriteAsync(unit => unit.Runners.RegisterAsync(new NewRunner("gpu-1", RunnerTokens.Issue().Hash, ["linux", "gpu"], 4), store.Ct));

        await store.ReopenAsync();
        var runner = await store.ReadAsync(unit => unit.Runners.GetAsync(registered.Id, store.Ct));

        Assert.Equal(("gpu-1", 4, RunnerState.Offline, false, (DateTimeOffset?)null, store.Time.GetUtcNow()), (runner.Name, runner.Capacity, runner.State, runner.Draining, runner.LastHeartbeatAt, runner.RegisteredAt));
        Assert.Equal(["linux", "gpu"], runner.Labels);
        Assert.Equal(registered.Id, (await store.ReadAsync(unit => unit.Runners.FindByNameAsync("gpu-1", store.Ct)))!.Id);
    }

    [Fact]
    public async Task A_runner_is_found_by_the_hash_of_its_token_and_the_token_is_never_stored()
    {
        await using var store = await TestStore.OpenAsync();
        var token = RunnerTokens.Issue();
        var registered = await store.WriteAsync(unit => unit.Runners.RegisterAsync(new NewRunner("r", token.Hash, [], 1), store.Ct));

        var found = await store.ReadAsync(unit => unit.Runners.FindByTokenHashAsync(RunnerTokens.Hash(token.Token), store.Ct));
        var stranger = await store.ReadAsync(unit => unit.Runners.FindByTokenHashAsync(RunnerTokens.Issue().Hash, store.Ct));
        await store.Store.DisposeAsync();
        var files = Directory.GetFiles(Path.GetDirectoryName(store.Path)!).Select(File.ReadAllBytes).Select(Encoding.Latin1.GetString).ToList();
        await store.ReopenAsync();

        Assert.Equal(registered.Id, found!.Id);
        Assert.Null(stranger);
        Assert.Contains(files, content => content.Contains(Encoding.Latin1.GetString(token.Hash), StringComparison.Ordinal));
        Assert.DoesNotContain(files, content => content.Contains(token.Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_taken_name_is_refused_by_name()
    {
        await using var store = await TestStore.OpenAsync();
        await store.WriteAsync(unit => Seed.RunnerAsync(unit, store.Ct, "build-1"));

        var error = await Assert.ThrowsAsync<DuplicateRunnerNameException>(() => store.WriteAsync(unit => Seed.RunnerAsync(unit, store.Ct, "build-1")));

        Assert.Equal("build-1", error.Name);
    }

    [Fact]
    public async Task Connecting_counts_as_a_heartbeat_and_is_written_as_an_event()
    {
        await using var store = await TestStore.OpenAsync();
        var runner = await store.WriteAsync(unit => Seed.RunnerAsync(unit, store.Ct));

        var online = await store.WriteAsync(unit => unit.Runners.TransitionAsync(runner.Id, RunnerTrigger.Connect, RunnerState.Offline, store.Ct));

        Assert.Equal((RunnerState.Online, store.Time.GetUtcNow()), (online.State, online.LastHeartbeatAt!.Value));
        var last = (await store.ReadAsync(unit => unit.Events.ReadAfterAsync(0, 10, store.Ct)))[^1];
        Assert.Equal(("runner", "connect", "offline", "online", runner.Id), (last.Entity, last.Kind, last.FromState, last.ToState, last.RunnerId!.Value));
    }

    [Fact]
    public async Task A_runner_that_stops_heartbeating_becomes_overdue_and_can_be_marked_lost()
    {
        await using var store = await TestStore.OpenAsync();
        var runner = await store.WriteAsync(unit => Seed.RunnerAsync(unit, store.Ct));
        await store.WriteAsync(unit => unit.Runners.TransitionAsync(runner.Id, RunnerTrigger.Connect, RunnerState.Offline, store.Ct));
        store.Time.Advance(TimeSpan.FromSeconds(10));
        await store.WriteAsync(unit => unit.Runners.RecordHeartbeatAsync(runner.Id, store.Ct));
        var grace = TimeSpan.FromSeconds(30);

        store.Time.Advance(grace);
        Assert.Empty(await store.ReadAsync(unit => unit.Runners.ListHeartbeatOverdueAsync(store.Time.GetUtcNow() - grace, store.Ct)));
        store.Time.Advance(TimeSpan.FromMilliseconds(1));
        var overdue = await store.ReadAsync(unit => unit.Runners.ListHeartbeatOverdueAsync(store.Time.GetUtcNow() - grace, store.Ct));

        Assert.Equal([runner.Id], overdue.Select(r => r.Id));
        var lost = await store.WriteAsync(unit => unit.Runners.TransitionAsync(runner.Id, RunnerTrigger.HeartbeatsMissed, RunnerState.Online, store.Ct));
        Assert.Equal(RunnerState.Lost, lost.State);
    }

    [Fact]
    public async Task An_illegal_or_stale_runner_transition_is_refused()
    {
        await using var store = await TestStore.OpenAsync();
        var runner = await store.WriteAsync(unit => Seed.RunnerAsync(unit, store.Ct));

        await Assert.ThrowsAsync<IllegalTransitionException>(() => store.WriteAsync(unit => unit.Runners.TransitionAsync(runner.Id, RunnerTrigger.Disconnect, RunnerState.Offline, store.Ct)));
        await Assert.ThrowsAsync<StateConflictException>(() => store.WriteAsync(unit => unit.Runners.TransitionAsync(runner.Id, RunnerTrigger.Disconnect, RunnerState.Online, store.Ct)));
    }

    [Fact]
    public async Task Draining_is_idempotent_and_each_change_is_one_event()
    {
        await using var store = await TestStore.OpenAsync();
        var runner = await store.WriteAsync(unit => Seed.RunnerAsync(unit, store.Ct));

        await store.WriteAsync(unit => unit.Runners.SetDrainingAsync(runner.Id, true, store.Ct));
        var again = await store.WriteAsync(unit => unit.Runners.SetDrainingAsync(runner.Id, true, store.Ct));
        await store.WriteAsync(unit => unit.Runners.SetDrainingAsync(runner.Id, false, store.Ct));

        Assert.True(again.Draining);
        var kinds = (await store.ReadAsync(unit => unit.Events.ReadAfterAsync(0, 10, store.Ct))).Select(e => e.Kind);
        Assert.Equal(["created", "drain_started", "drain_stopped"], kinds);
    }

    [Fact]
    public async Task A_profile_update_replaces_labels_and_capacity_durably_with_one_event_per_change()
    {
        await using var store = await TestStore.OpenAsync();
        var runner = await store.WriteAsync(unit => unit.Runners.RegisterAsync(new NewRunner("r", RunnerTokens.Issue().Hash, ["linux"], 1), store.Ct));

        await store.WriteAsync(unit => unit.Runners.UpdateProfileAsync(runner.Id, ["linux", "gpu"], 3, store.Ct));
        var again = await store.WriteAsync(unit => unit.Runners.UpdateProfileAsync(runner.Id, ["linux", "gpu"], 3, store.Ct));
        await store.ReopenAsync();
        var read = await store.ReadAsync(unit => unit.Runners.GetAsync(runner.Id, store.Ct));

        Assert.Equal((3, 3), (again.Capacity, read.Capacity));
        Assert.Equal(["linux", "gpu"], read.Labels);
        var kinds = (await store.ReadAsync(unit => unit.Events.ReadAfterAsync(0, 10, store.Ct))).Select(e => e.Kind);
        Assert.Equal(["created", "profile_changed"], kinds);
        await Assert.ThrowsAsync<EntityNotFoundException>(() => store.WriteAsync(unit => unit.Runners.UpdateProfileAsync(new RunnerId(999), [], 1, store.Ct)));
    }

    [Fact]
    public async Task Runners_are_listed_by_name()
    {
        await using var store = await TestStore.OpenAsync();
        await store.WriteAsync(unit => Seed.RunnerAsync(unit, store.Ct, "zeta"));
        await store.WriteAsync(unit => Seed.RunnerAsync(unit, store.Ct, "alpha"));

        Assert.Equal(["alpha", "zeta"], (await store.ReadAsync(unit => unit.Runners.ListAsync(store.Ct))).Select(r => r.Name));
    }
    [Fact]
    public async Task A_removed_runner_leaves_the_list_frees_its_name_and_its_token_stops_matching()
    {
        await using var store = await TestStore.OpenAsync();
        var token = RunnerTokens.Issue();
        var removed = await store.WriteAsync(unit => unit.Runners.RegisterAsync(new NewRunner("build-1", token.Hash, [], 1), store.Ct));

        await store.WriteAsync(unit => unit.Runners.RemoveAsync(removed.Id, store.Ct));
        var again = await store.WriteAsync(unit => unit.Runners.RegisterAsync(new NewRunner("build-1", RunnerTokens.Issue().Hash, [], 1), store.Ct));

        Assert.Equal([again.Id], (await store.ReadAsync(unit => unit.Runners.ListAsync(store.Ct))).Select(r => r.Id));
        Assert.Null(await store.ReadAsync(unit => unit.Runners.FindByTokenHashAsync(token.Hash, store.Ct)));
        Assert.Equal($"build-1 (removed {removed.Id.Value})", (await store.ReadAsync(unit => unit.Runners.GetAsync(removed.Id, store.Ct))).Name);
        await Assert.ThrowsAsync<EntityNotFoundException>(() => store.WriteAsync(unit => unit.Runners.RemoveAsync(removed.Id, store.Ct)));
    }
}
