using ControlPlane.Core.Runs;
using ControlPlane.Core.Storage;
using ControlPlane.Store.Sqlite;
using ControlPlane.Store.Tests.Support;
using Dapper;

namespace ControlPlane.Store.Tests.Sqlite;

public class UnitOfWorkTests
{
    [Fact]
    public async Task Work_that_is_not_committed_is_rolled_back_on_dispose()
    {
        await using var store = await TestStore.OpenAsync();
        await using (var unit = await store.Store.BeginAsync(store.Ct))
        {
            await Seed.RunAsync(unit, store.Ct);
        }

        Assert.Empty(await store.ReadAsync(unit => unit.Runs.ListActiveAsync(store.Ct)));
    }

    [Fact]
    public async Task Committed_work_survives_closing_and_reopening_the_file()
    {
        await using var store = await TestStore.OpenAsync();
        var run = await store.WriteAsync(unit => Seed.RunAsync(unit, store.Ct));

        await store.ReopenAsync();

        Assert.Equal(run, await store.ReadAsync(unit => unit.Runs.FindAsync(run.Id, store.Ct)));
    }

    [Fact]
    public async Task A_read_unit_of_work_refuses_writes()
    {
        await using var store = await TestStore.OpenAsync();
        await using var unit = await store.Store.BeginReadAsync(store.Ct);

        var error = await Assert.ThrowsAsync<ReadOnlyUnitOfWorkException>(() => Seed.RunAsync(unit, store.Ct));

        Assert.True(unit.IsReadOnly);
        Assert.Equal("SaveRevisionAsync", error.Operation);
    }

    [Fact]
    public async Task A_read_unit_of_work_sees_one_snapshot_while_the_writer_commits()
    {
        await using var store = await TestStore.OpenAsync();
        var run = await store.WriteAsync(unit => Seed.RunAsync(unit, store.Ct));
        await using var reader = await store.Store.BeginReadAsync(store.Ct);
        Assert.Equal(RunState.Queued, (await reader.Runs.GetAsync(run.Id, store.Ct)).State);

        await store.WriteAsync(unit => unit.Runs.TransitionAsync(run.Id, RunTrigger.Start, RunState.Queued, null, store.Ct));

        Assert.Equal(RunState.Queued, (await reader.Runs.GetAsync(run.Id, store.Ct)).State);
        Assert.Equal(RunState.Running, (await store.ReadAsync(unit => unit.Runs.GetAsync(run.Id, store.Ct))).State);
    }

    [Fact]
    public async Task Write_units_of_work_take_turns()
    {
        await using var store = await TestStore.OpenAsync();
        var first = await store.Store.BeginAsync(store.Ct);

        var second = store.Store.BeginAsync(store.Ct);
        Assert.False(second.IsCompleted);

        await first.DisposeAsync();
        await using var unit = await second;
        Assert.False(unit.IsReadOnly);
    }

    [Fact]
    public async Task Waiting_for_the_writer_can_be_cancelled_without_leaking_the_lock()
    {
        await using var store = await TestStore.OpenAsync();
        using var cancel = new CancellationTokenSource();
        var first = await store.Store.BeginAsync(store.Ct);
        var waiting = store.Store.BeginAsync(cancel.Token);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        await first.DisposeAsync();

        await using var next = await store.Store.BeginAsync(store.Ct);
    }

    [Fact]
    public async Task Committing_twice_is_a_mistake()
    {
        await using var store = await TestStore.OpenAsync();
        await using var unit = await store.Store.BeginAsync(store.Ct);
        await unit.CommitAsync(store.Ct);

        await Assert.ThrowsAsync<InvalidOperationException>(() => unit.CommitAsync(store.Ct));
    }

    [Fact]
    public async Task A_cancelled_commit_commits_nothing()
    {
        await using var store = await TestStore.OpenAsync();
        await using (var unit = await store.Store.BeginAsync(store.Ct))
        {
            await Seed.RunAsync(unit, store.Ct);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => unit.CommitAsync(new CancellationToken(canceled: true)));
        }

        Assert.Empty(await store.ReadAsync(unit => unit.Runs.ListActiveAsync(store.Ct)));
    }

    [Theory]
    [InlineData("PRAGMA journal_mode", "wal")]
    [InlineData("PRAGMA synchronous", "2")]
    [InlineData("PRAGMA foreign_keys", "1")]
    [InlineData("PRAGMA busy_timeout", "5000")]
    public async Task Every_connection_is_durable_checks_foreign_keys_and_waits_for_locks(string pragma, string expected)
    {
        await using var store = await TestStore.OpenAsync();

        await using (var writer = (SqliteUnitOfWork)await store.Store.BeginAsync(store.Ct))
        {
            Assert.Equal(expected, (await writer.Session.Connection.ExecuteScalarAsync(pragma))!.ToString());
        }

        await using var reader = (SqliteUnitOfWork)await store.Store.BeginReadAsync(store.Ct);
        Assert.Equal(expected, (await reader.Session.Connection.ExecuteScalarAsync(pragma))!.ToString());
    }

    [Fact]
    public async Task A_disposed_store_refuses_new_work()
    {
        var store = await TestStore.OpenAsync();
        await store.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.Store.BeginAsync(CancellationToken.None));
    }
}
