using ControlPlane.Core.Storage;
using ControlPlane.Store.Migrations;
using ControlPlane.Testing;

namespace ControlPlane.Store.Tests.Support;

/// <summary>A real store file in a temp directory with a manual clock; reopen it to simulate a restart.</summary>
internal sealed class TestStore : IAsyncDisposable
{
    private readonly TempDirectory _directory;
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

    private TestStore(TempDirectory directory, ManualTimeProvider time, SqliteStore store)
    {
        _directory = directory;
        Time = time;
        Store = store;
    }

    public ManualTimeProvider Time { get; }

    public SqliteStore Store { get; private set; }

    public string Path => Store.Path;

    /// <summary>Cancels if a test hangs, so a deadlock fails instead of stalling the run.</summary>
    public CancellationToken Ct => _timeout.Token;

    public static async Task<TestStore> OpenAsync()
    {
        var directory = new TempDirectory("cp-store");
        var time = new ManualTimeProvider();
        var store = await SqliteStore.OpenAsync(directory.Combine("controlplane.db"), time, CancellationToken.None);
        return new TestStore(directory, time, store);
    }

    /// <summary>Closes the file and opens it again, as a restarted server would.</summary>
    public async Task ReopenAsync(IReadOnlyList<Migration>? migrations = null)
    {
        var path = Store.Path;
        await Store.DisposeAsync();
        Store = await SqliteStore.OpenAsync(path, Time, new SqliteStoreOptions(), migrations ?? EmbeddedMigrations.All, Ct);
    }

    /// <summary>Runs <paramref name="work"/> in a write unit of work and commits it.</summary>
    public async Task<T> WriteAsync<T>(Func<IUnitOfWork, Task<T>> work)
    {
        await using var unit = await Store.BeginAsync(Ct);
        var result = await work(unit);
        await unit.CommitAsync(Ct);
        return result;
    }

    public Task WriteAsync(Func<IUnitOfWork, Task> work) => WriteAsync(async unit =>
    {
        await work(unit);
        return true;
    });

    /// <summary>Runs <paramref name="work"/> in a read unit of work.</summary>
    public async Task<T> ReadAsync<T>(Func<IUnitOfWork, Task<T>> work)
    {
        await using var unit = await Store.BeginReadAsync(Ct);
        return await work(unit);
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        _timeout.Dispose();
        _directory.Dispose();
    }
}
