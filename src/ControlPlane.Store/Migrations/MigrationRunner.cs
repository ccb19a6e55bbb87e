using Dapper;
using Microsoft.Data.Sqlite;

namespace ControlPlane.Store.Migrations;

/// <summary>
/// Brings a database file to the latest schema: the pending migrations run in one transaction together with the
/// new <c>PRAGMA user_version</c>, so the file is either fully migrated or untouched.
/// </summary>
internal static class MigrationRunner
{
    /// <summary>Migrates and returns the schema version the file is now at.</summary>
    /// <exception cref="StoreSchemaTooNewException">The file is newer than <paramref name="migrations"/>.</exception>
    /// <exception cref="StoreMigrationFailedException">A migration failed; nothing was changed.</exception>
    public static async Task<int> MigrateAsync(SqliteConnection connection, string path, IReadOnlyList<Migration> migrations, CancellationToken cancellationToken)
    {
        var latest = migrations.Count == 0 ? 0 : migrations[^1].Version;
        var current = await ReadVersionAsync(connection, cancellationToken);
        RefuseNewer(path, current, latest);
        if (current == latest)
        {
            return current;
        }

        await connection.ExecuteAsync(new CommandDefinition("BEGIN IMMEDIATE", cancellationToken: cancellationToken));
        try
        {
            // Read again under the write lock: another process may have migrated since.
            current = await ReadVersionAsync(connection, cancellationToken);
            RefuseNewer(path, current, latest);
            var before = current;
            foreach (var migration in migrations.Where(m => m.Version > before))
            {
                try
                {
                    await connection.ExecuteAsync(new CommandDefinition(migration.Sql, cancellationToken: cancellationToken));
                    await connection.ExecuteAsync(new CommandDefinition($"PRAGMA user_version = {migration.Version}", cancellationToken: cancellationToken));
                }
                catch (SqliteException error)
                {
                    throw new StoreMigrationFailedException(path, migration.Name, before, error);
                }
            }

            await connection.ExecuteAsync(new CommandDefinition("COMMIT", cancellationToken: CancellationToken.None));
            return latest;
        }
        catch
        {
            await connection.ExecuteAsync(new CommandDefinition("ROLLBACK", cancellationToken: CancellationToken.None));
            throw;
        }
    }

    public static async Task<int> ReadVersionAsync(SqliteConnection connection, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<int>(new CommandDefinition("PRAGMA user_version", cancellationToken: cancellationToken));

    private static void RefuseNewer(string path, int current, int latest)
    {
        if (current > latest)
        {
            throw new StoreSchemaTooNewException(path, current, latest);
        }
    }
}
