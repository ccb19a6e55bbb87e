using ControlPlane.Contracts.V1;
using ControlPlane.Server.Retention;
using ControlPlane.Server.Tests.Api.Support;
using Grpc.Core;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;
using CoreLogStream = ControlPlane.Core.Logs.LogStream;

namespace ControlPlane.Server.Tests.Retention;

public sealed class RetentionSweepTests(ITestOutputHelper output)
{
    private static readonly long BackdateMs = (long)TimeSpan.FromDays(40).TotalMilliseconds;

    [Fact]
    public async Task Retention_deletes_only_old_finished_runs_with_everything_they_had_while_new_runs_keep_being_scheduled()
    {
        await using var server = await ApiServer.StartAsync(output);
        await server.ApplyAsync(Samples.OneStep("old"), "old.yaml");
        await server.ApplyAsync(Samples.OneStep("fresh"), "fresh.yaml");

        // An old run that is still running must survive however old it is: it holds the first runner's only slot.
        var holder = await InProcessRunner.ConnectAsync(server, "holder");
        var stillRunning = await server.StartAsync("old");
        var held = await holder.TakeOfferAsync();
        var worker = await InProcessRunner.ConnectAsync(server, "worker");
        var oldRuns = new List<long>();
        for (var i = 0; i < 12; i++)
        {
            oldRuns.Add(await CompleteRunAsync(server, worker, "old", $"old-key-{i}"));
        }

        await ExecuteAsync(server, $"UPDATE runs SET created_at = created_at - {BackdateMs}, started_at = started_at - {BackdateMs}, finished_at = finished_at - {BackdateMs} WHERE workflow_id = (SELECT id FROM workflows WHERE name = 'old')");
        await ExecuteAsync(server, $"UPDATE events SET at = at - {BackdateMs} WHERE entity = 'runner'");
        var sweep = Sweep(server, new RetentionOptions { MaxAge = TimeSpan.FromDays(30), BatchSize = 5 });

        // Fresh runs are started and finished the whole time retention passes run.
        var freshRuns = new List<long>();
        var scheduling = Task.Run(async () =>
        {
            for (var i = 0; i < 8; i++)
            {
                freshRuns.Add(await CompleteRunAsync(server, worker, "fresh", $"fresh-key-{i}"));
            }
        });
        var reports = new List<RetentionReport>();
        do
        {
            reports.Add(await sweep.RunOnceAsync(server.Ct));
        }
        while (!scheduling.IsCompleted);
        await scheduling;

        Assert.Equal(oldRuns.Count, reports.Sum(r => r.RunsDeleted));
        Assert.True(reports[0].Batches >= 3, $"12 runs in batches of 5 take at least 3 transactions, not {reports[0].Batches}");
        foreach (var id in oldRuns)
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => server.GetRunAsync(id));
            Assert.Equal(StatusCode.NotFound, error.StatusCode);
        }

        var oldIds = string.Join(',', oldRuns);
        Assert.Equal(0L, await ScalarAsync(server, $"SELECT COUNT(*) FROM events WHERE run_id IN ({oldIds})"));
        Assert.Equal(0L, await ScalarAsync(server, $"SELECT COUNT(*) FROM idempotency_keys WHERE run_id IN ({oldIds})"));
        Assert.Equal(0L, await ScalarAsync(server, $"SELECT COUNT(*) FROM steps WHERE run_id IN ({oldIds})"));
        Assert.Equal(0L, await ScalarAsync(server, "SELECT COUNT(*) FROM events WHERE entity = 'runner' AND at < " + (DateTimeOffset.UtcNow - TimeSpan.FromDays(30)).ToUnixTimeMilliseconds()));
        Assert.Equal(freshRuns.Count + 1, await ScalarAsync(server, "SELECT COUNT(*) FROM runs"));
        Assert.Equal(freshRuns.Count, await ScalarAsync(server, "SELECT COUNT(*) FROM log_chunks"));

        Assert.Equal(RunState.Running, (await server.GetRunAsync(stillRunning.Id)).Run.State);
        foreach (var id in freshRuns)
        {
            var run = await server.GetRunAsync(id);
            Assert.Equal(RunState.Succeeded, run.Run.State);
            Assert.Equal(6, run.Steps.Single().Attempts.Single().LogBytes);
        }

        // A deleted run's idempotency key is free again; the held attempt still reports normally.
        var again = await server.Runs.StartRunAsync(new StartRunRequest { WorkflowName = "old", IdempotencyKey = "old-key-0" }, cancellationToken: server.Ct);
        Assert.True(again.Created);
        await holder.FinishAsync(held, 0, string.Empty);
        await server.WaitForRunAsync(stillRunning.Id, r => r.Run.State == RunState.Succeeded);
    }

    [Fact]
    public async Task The_log_cap_removes_logs_of_the_oldest_finished_runs_first_keeps_their_records_and_says_so_on_reading()
    {
        await using var server = await ApiServer.StartAsync(output);
        await server.ApplyAsync(Samples.OneStep("logs"), "logs.yaml");
        var runner = await InProcessRunner.ConnectAsync(server, "logger");
        var runs = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            runs.Add(await CompleteRunAsync(server, runner, "logs", key: null, log: new string((char)('a' + i), 99) + "\n"));
        }

        var report = await Sweep(server, new RetentionOptions { MaxLogBytes = 150 }).RunOnceAsync(server.Ct);

        Assert.Equal((2L, 200L), (report.RunsWithLogsRemoved, report.LogBytesDeleted));
        Assert.Equal(100L, await ScalarAsync(server, "SELECT COALESCE(SUM(length(data)), 0) FROM log_chunks"));
        foreach (var id in runs.Take(2))
        {
            var run = await server.GetRunAsync(id);
            Assert.Equal(RunState.Succeeded, run.Run.State);
            var error = await Assert.ThrowsAsync<RpcException>(() => ReadLogAsync(server, id));
            Assert.Equal(StatusCode.NotFound, error.StatusCode);
            Assert.Contains("removed by retention", error.Status.Detail, StringComparison.Ordinal);
        }

        Assert.Equal(new string('c', 99) + "\n", await ReadLogAsync(server, runs[2]));
        var again = await Sweep(server, new RetentionOptions { MaxLogBytes = 150 }).RunOnceAsync(server.Ct);
        Assert.Equal(0L, again.LogBytesDeleted);
    }

    private static RetentionSweep Sweep(ApiServer server, RetentionOptions options) =>
        new(server.Store, TimeProvider.System, Options.Create(options), server.Services.GetRequiredService<ILogger<RetentionSweep>>());

    /// <summary>Starts a run of a one-step workflow, runs its step on <paramref name="runner"/> with a log, and waits for it to succeed.</summary>
    private static async Task<long> CompleteRunAsync(ApiServer server, InProcessRunner runner, string workflow, string? key, string log = "hello\n")
    {
        var run = await server.StartAsync(workflow, key: key ?? string.Empty);
        var offer = await runner.TakeOfferAsync();
        await runner.AppendLogAsync(offer, 0, CoreLogStream.Stdout, log);
        await runner.FinishAsync(offer, 0, log);
        await server.WaitForRunAsync(run.Id, r => r.Run.State == RunState.Succeeded);
        return run.Id;
    }

    private static async Task<string> ReadLogAsync(ApiServer server, long runId)
    {
        using var call = server.Runs.StreamLogs(new StreamLogsRequest { RunId = runId, StepKey = "only" }, cancellationToken: server.Ct);
        var text = new System.Text.StringBuilder();
        while (await call.ResponseStream.MoveNext(server.Ct))
        {
            text.Append(call.ResponseStream.Current.Data.ToStringUtf8());
        }

        return text.ToString();
    }

    private static async Task ExecuteAsync(ApiServer server, string sql)
    {
        await using var connection = await OpenAsync(server);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(server.Ct);
    }

    private static async Task<long> ScalarAsync(ApiServer server, string sql)
    {
        await using var connection = await OpenAsync(server);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync(server.Ct))!;
    }

    private static async Task<SqliteConnection> OpenAsync(ApiServer server)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(server.DataDir, ControlPlane.Server.Hosting.ServerHost.StoreFileName)};Default Timeout=30;Pooling=False");
        await connection.OpenAsync(server.Ct);
        return connection;
    }
}
