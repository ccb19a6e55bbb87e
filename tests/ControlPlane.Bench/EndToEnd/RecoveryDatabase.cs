using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ControlPlane.Bench.EndToEnd;

/// <summary>
/// Grows a real server's database for the recovery figure: copies of one finished run and of one unfinished run the
/// server itself recorded, rows and all (run, steps, attempts, events, log chunks), in one transaction. A copy's ids
/// are the original's plus a multiple of a stride above every id in the file, so copies never collide and every
/// reference inside a copy points into the same copy. Written straight with SQL because going through the server
/// would take minutes per figure; the rows are the server's own, only renumbered.
/// </summary>
internal static class RecoveryDatabase
{
    public static async Task CloneRunsAsync(string databasePath, long finishedRun, int finishedCopies, long liveRun, int liveCopies)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath}");
        await connection.OpenAsync();
        await ExecuteAsync(connection, "PRAGMA foreign_keys = ON");
        await ExecuteAsync(connection, "BEGIN IMMEDIATE");
        var stride = 1 + await ScalarAsync(connection, "SELECT max(m) FROM (SELECT max(id) AS m FROM runs UNION ALL SELECT max(id) FROM steps UNION ALL SELECT max(id) FROM attempts)");
        var copy = 0L;
        foreach (var (run, copies) in new[] { (finishedRun, finishedCopies), (liveRun, liveCopies) })
        {
            await CloneAsync(connection, run, copy + 1, copy + copies, stride);
            copy += copies;
        }

        await ExecuteAsync(connection, "COMMIT");
    }

    private static async Task CloneAsync(SqliteConnection connection, long run, long firstCopy, long lastCopy, long stride)
    {
        var copies = string.Create(CultureInfo.InvariantCulture, $"WITH RECURSIVE n(i) AS (SELECT {firstCopy} UNION ALL SELECT i + 1 FROM n WHERE i < {lastCopy}) ");
        var shift = string.Create(CultureInfo.InvariantCulture, $" + n.i * {stride}");
        string inRun = $"run_id = {run}";
        string inSteps = $"step_id IN (SELECT id FROM steps WHERE {inRun})";
        string inAttempts = $"attempt_id IN (SELECT id FROM attempts WHERE {inSteps})";
        (string Table, string Where, string[] Shifted, string? Omitted)[] tables =
        [
            ("runs", $"id = {run}", ["id"], null),
            ("steps", inRun, ["id", "run_id"], null),
            ("attempts", inSteps, ["id", "step_id"], null),
            ("log_chunks", inAttempts, ["id", "attempt_id"], null),
            ("events", inRun, ["run_id", "step_id", "attempt_id"], "sequence"),
        ];
        foreach (var (table, where, shifted, omitted) in tables)
        {
            var columns = await ColumnsAsync(connection, table);
            columns.Remove(omitted ?? string.Empty);
            var values = columns.Select(c => shifted.Contains(c) ? $"t.{c}{shift}" : c == "idempotency_key" ? "NULL" : $"t.{c}");
            await ExecuteAsync(connection, $"{copies}INSERT INTO {table} ({string.Join(", ", columns)}) SELECT {string.Join(", ", values)} FROM {table} t, n WHERE t.{where} ORDER BY n.i");
        }
    }

    private static async Task<List<string>> ColumnsAsync(SqliteConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name FROM pragma_table_info('{table}')";
        var columns = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
