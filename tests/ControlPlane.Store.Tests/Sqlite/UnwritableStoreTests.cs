using ControlPlane.Core.Runs;
using ControlPlane.Core.Storage;
using ControlPlane.Store.Sqlite;
using ControlPlane.Store.Tests.Support;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ControlPlane.Store.Tests.Sqlite;

/// <summary>A full disk or a read-only file is a named, recoverable error; nothing committed before is lost.</summary>
public class UnwritableStoreTests
{
    [Fact]
    public async Task A_full_database_is_reported_as_unwritable_and_writes_work_again_once_there_is_room()
    {
        await using var store = await TestStore.OpenAsync();
        var kept = await store.WriteAsync(unit => Seed.RunAsync(unit, store.Ct, workflow: "kept"));
        // A real SQLITE_FULL without a mount: the file may not grow beyond the pages it has.
        await SetAsync(store, "PRAGMA max_page_count = " + await PageCountAsync(store));

        var error = await FillAsync(store);

        Assert.Equal("database or disk is full", error.Cause);
        Assert.Equal("the database cannot be written: database or disk is full", error.Message);
        Assert.Equal(kept, await store.ReadAsync(unit => unit.Runs.FindAsync(kept.Id, store.Ct)));
        Assert.Same(error, store.Store.WriteHealth.Failure);

        await SetAsync(store, "PRAGMA max_page_count = 1073741823");
        var after = await store.WriteAsync(unit => Seed.RunAsync(unit, store.Ct, workflow: "after"));
        Assert.Equal(RunState.Queued, (await store.ReadAsync(unit => unit.Runs.GetAsync(after.Id, store.Ct))).State);
        Assert.True(store.Store.WriteHealth.IsWritable);
    }

    [Fact]
    public async Task A_read_only_database_is_reported_as_unwritable_and_writes_work_again_once_it_is_writable()
    {
        await using var store = await TestStore.OpenAsync();
        var writer = await WriteConnectionAsync(store);
        // query_only makes every write fail with SQLITE_READONLY (BEGIN IMMEDIATE included), as a read-only remount does.
        await writer.ExecuteAsync("PRAGMA query_only = 1");

        var error = await Assert.ThrowsAsync<StoreUnwritableException>(() => store.WriteAsync(unit => Seed.RunAsync(unit, store.Ct)));

        Assert.Equal("the database cannot be written: attempt to write a readonly database", error.Message);
        Assert.Empty(await store.ReadAsync(unit => unit.Runs.ListActiveAsync(store.Ct)));
        await Assert.ThrowsAsync<StoreUnwritableException>(() => store.Store.ProbeWriteAsync(store.Ct));
        Assert.Equal("attempt to write a readonly database", store.Store.WriteHealth.Failure?.Cause);

        await writer.ExecuteAsync("PRAGMA query_only = 0");
        Assert.False(store.Store.WriteHealth.IsWritable);
        await store.Store.ProbeWriteAsync(store.Ct);
        Assert.True(store.Store.WriteHealth.IsWritable);
        var run = await store.WriteAsync(unit => Seed.RunAsync(unit, store.Ct));
        Assert.Equal(run, await store.ReadAsync(unit => unit.Runs.FindAsync(run.Id, store.Ct)));
    }

    private static async Task<StoreUnwritableException> FillAsync(TestStore store)
    {
        for (var i = 0; i < 10_000; i++)
        {
            try
            {
                await store.WriteAsync(unit => Seed.RunAsync(unit, store.Ct, workflow: $"filler-{i}"));
            }
            catch (StoreUnwritableException error)
            {
                return error;
            }
        }

        throw new InvalidOperationException("the database never filled up");
    }

    private static async Task<long> PageCountAsync(TestStore store)
    {
        await using var unit = (SqliteUnitOfWork)await store.Store.BeginAsync(store.Ct);
        return await unit.Session.ScalarAsync<long>("PRAGMA page_count", null, store.Ct);
    }

    // The store's one write connection, to change its settings between units of work.
    private static async Task<SqliteConnection> WriteConnectionAsync(TestStore store)
    {
        await using var unit = (SqliteUnitOfWork)await store.Store.BeginAsync(store.Ct);
        return unit.Session.Connection;
    }

    // The write connection is the store's one connection for writes, so a setting made here holds for later units.
    private static async Task SetAsync(TestStore store, string pragma)
    {
        await using var unit = (SqliteUnitOfWork)await store.Store.BeginAsync(store.Ct);
        await unit.Session.ExecuteAsync(pragma, null, store.Ct);
        await unit.CommitAsync(store.Ct);
    }
}
