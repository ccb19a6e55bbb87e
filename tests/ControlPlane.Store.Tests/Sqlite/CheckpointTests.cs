using ControlPlane.Core.Workflows;
using ControlPlane.Testing;

namespace ControlPlane.Store.Tests.Sqlite;

/// <summary>A store closed in order leaves one self-contained database file: its WAL checkpointed and truncated.</summary>
public sealed class CheckpointTests : IDisposable
{
    private readonly TempDirectory _directory = new("cp-store-checkpoint");

    [Fact]
    public async Task Closing_the_store_checkpoints_the_wal_so_the_database_file_alone_holds_every_commit()
    {
        var path = _directory.Combine("controlplane.db");
        await using (var store = await SqliteStore.OpenAsync(path, TimeProvider.System, CancellationToken.None))
        {
            await using (var unit = await store.BeginAsync(CancellationToken.None))
            {
                await unit.Workflows.SaveRevisionAsync(new NewWorkflowRevision("nightly", "nightly.yaml", "name: nightly", new string('a', 64)), CancellationToken.None);
                await unit.CommitAsync(CancellationToken.None);
            }

            // A pooled read connection stays open behind this unit of work, as it does in a running server.
            await using (var read = await store.BeginReadAsync(CancellationToken.None))
            {
                Assert.NotNull(await read.Workflows.FindByNameAsync("nightly", CancellationToken.None));
            }

            Assert.True(new FileInfo(path + "-wal").Length > 0, "the commit is in the WAL while the store is open");
        }

        Assert.True(!File.Exists(path + "-wal") || new FileInfo(path + "-wal").Length == 0, "the WAL still holds pages after the store closed");
        var copy = Directory.CreateDirectory(_directory.Combine("copy")).FullName;
        File.Copy(path, Path.Combine(copy, "controlplane.db"));
        await using var reopened = await SqliteStore.OpenAsync(Path.Combine(copy, "controlplane.db"), TimeProvider.System, CancellationToken.None);
        await using var check = await reopened.BeginReadAsync(CancellationToken.None);
        Assert.NotNull(await check.Workflows.FindByNameAsync("nightly", CancellationToken.None));
    }

    public void Dispose() => _directory.Dispose();
}
