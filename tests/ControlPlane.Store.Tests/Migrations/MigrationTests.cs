using ControlPlane.Store.Migrations;
using ControlPlane.Store.Tests.Support;
using ControlPlane.Testing;
using Microsoft.Data.Sqlite;

namespace ControlPlane.Store.Tests.Migrations;

public class MigrationTests
{
    private static readonly Migration Broken = new(SqliteStore.LatestSchemaVersion + 1, $"{SqliteStore.LatestSchemaVersion + 1:D4}_broken", "CREATE TABLE extra (id INTEGER); INSERT INTO no_such_table VALUES (1);");

    [Fact]
    public async Task A_fresh_file_is_migrated_to_the_latest_version()
    {
        await using var store = await TestStore.OpenAsync();

        Assert.Equal(SqliteStore.LatestSchemaVersion, store.Store.SchemaVersion);
        Assert.Equal(SqliteStore.LatestSchemaVersion, await Sql.ScalarAsync<long>(store.Path, "PRAGMA user_version"));
        Assert.Equal("wal", await Sql.ScalarAsync<string>(store.Path, "PRAGMA journal_mode"));
    }

    [Fact]
    public async Task Reopening_a_migrated_file_changes_nothing()
    {
        var counter = new Migration(SqliteStore.LatestSchemaVersion + 1, $"{SqliteStore.LatestSchemaVersion + 1:D4}_counter", "CREATE TABLE applied (n INTEGER); INSERT INTO applied VALUES (1);");
        await using var store = await TestStore.OpenAsync();
        await store.ReopenAsync([.. EmbeddedMigrations.All, counter]);

        await store.ReopenAsync([.. EmbeddedMigrations.All, counter]);

        Assert.Equal(SqliteStore.LatestSchemaVersion + 1, store.Store.SchemaVersion);
        Assert.Equal(1, await Sql.ScalarAsync<long>(store.Path, "SELECT COUNT(*) FROM applied"));
    }

    [Fact]
    public async Task A_file_from_a_newer_build_is_refused_naming_both_versions_and_the_file()
    {
        using var directory = new TempDirectory("cp-store");
        var path = directory.Combine("controlplane.db");
        await Sql.ExecuteAsync(path, "PRAGMA user_version = 99");

        var error = await Assert.ThrowsAsync<StoreSchemaTooNewException>(() => SqliteStore.OpenAsync(path, TimeProvider.System, CancellationToken.None));

        Assert.Equal(99, error.FileVersion);
        Assert.Equal(SqliteStore.LatestSchemaVersion, error.KnownVersion);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains($"schema version is 99, but this build knows versions up to {SqliteStore.LatestSchemaVersion}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_migration_rolls_back_and_leaves_the_file_as_it_was()
    {
        await using var store = await TestStore.OpenAsync();
        await store.WriteAsync(unit => Seed.RunAsync(unit, store.Ct));

        var error = await Assert.ThrowsAsync<StoreMigrationFailedException>(() => store.ReopenAsync([.. EmbeddedMigrations.All, Broken]));

        Assert.Equal(Broken.Name, error.Migration);
        Assert.Equal(SqliteStore.LatestSchemaVersion, error.UnchangedVersion);
        Assert.Contains("no such table", error.Message, StringComparison.Ordinal);
        Assert.Equal(SqliteStore.LatestSchemaVersion, await Sql.ScalarAsync<long>(store.Path, "PRAGMA user_version"));
        Assert.Equal(0, await Sql.ScalarAsync<long>(store.Path, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'extra'"));
        Assert.Equal(1, await Sql.ScalarAsync<long>(store.Path, "SELECT COUNT(*) FROM runs"));
        await store.ReopenAsync();
    }

    [Fact]
    public async Task A_failing_migration_on_a_fresh_file_leaves_no_schema_behind()
    {
        using var directory = new TempDirectory("cp-store");
        var path = directory.Combine("controlplane.db");

        await Assert.ThrowsAsync<StoreMigrationFailedException>(() =>
            SqliteStore.OpenAsync(path, TimeProvider.System, new SqliteStoreOptions(), [.. EmbeddedMigrations.All, Broken], CancellationToken.None));

        Assert.Equal(0, await Sql.ScalarAsync<long>(path, "PRAGMA user_version"));
        Assert.Equal(0, await Sql.ScalarAsync<long>(path, "SELECT COUNT(*) FROM sqlite_master"));
    }

    [Fact]
    public void Embedded_migrations_are_numbered_from_one_without_gaps() =>
        Assert.Equal(Enumerable.Range(1, EmbeddedMigrations.All.Count), EmbeddedMigrations.All.Select(m => m.Version));

    [Fact]
    public void The_first_migration_is_the_initial_schema() =>
        Assert.Equal("0001_initial", EmbeddedMigrations.All[0].Name);

    /// <summary>Reads a file with a plain connection of its own, as an operator's sqlite3 shell would.</summary>
    private static class Sql
    {
        public static async Task<T> ScalarAsync<T>(string path, string sql)
        {
            await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return (T)(await command.ExecuteScalarAsync())!;
        }

        public static async Task ExecuteAsync(string path, string sql)
        {
            await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        }
    }
}
