using ControlPlane.Core.Workflows;
using ControlPlane.Testing;

namespace ControlPlane.Store.Tests.Sqlite;

/// <summary>The database and the files SQLite keeps beside it are the owner's only, whatever the umask.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class FileModeTests : IDisposable
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const uint Umask022 = 0b000_010_010;
    private readonly TempDirectory _directory = new("cp-store-modes");

    [Fact]
    public async Task Under_umask_022_the_database_its_wal_and_its_shm_are_created_0600()
    {
        var path = _directory.Combine("controlplane.db");
        using (ProcessUmask.Set(Umask022))
        {
            await using var store = await SqliteStore.OpenAsync(path, TimeProvider.System, CancellationToken.None);
            await SaveAsync(store);

            Assert.Equal(
                [("controlplane.db", OwnerReadWrite), ("controlplane.db-shm", OwnerReadWrite), ("controlplane.db-wal", OwnerReadWrite)],
                Modes());
        }
    }

    [Fact]
    public async Task Files_left_open_to_others_by_an_earlier_version_are_narrowed_on_open()
    {
        var path = _directory.Combine("controlplane.db");
        await using (var store = await SqliteStore.OpenAsync(path, TimeProvider.System, CancellationToken.None))
        {
            await SaveAsync(store);
        }

        const UnixFileMode Wide = OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead;
        File.SetUnixFileMode(path, Wide);
        await File.WriteAllBytesAsync(path + "-wal", []);
        File.SetUnixFileMode(path + "-wal", Wide);

        await using (var store = await SqliteStore.OpenAsync(path, TimeProvider.System, CancellationToken.None))
        {
            await SaveAsync(store);
            Assert.All(Modes(), entry => Assert.Equal(OwnerReadWrite, entry.Mode));
        }
    }

    private static async Task SaveAsync(SqliteStore store)
    {
        await using var unit = await store.BeginAsync(CancellationToken.None);
        await unit.Workflows.SaveRevisionAsync(new NewWorkflowRevision("w", "w.yaml", "name: w", new string('a', 64)), CancellationToken.None);
        await unit.CommitAsync(CancellationToken.None);
    }

    private List<(string Name, UnixFileMode Mode)> Modes() =>
        [.. Directory.GetFiles(_directory.Path).Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f), File.GetUnixFileMode(f)))];

    public void Dispose() => _directory.Dispose();
}
