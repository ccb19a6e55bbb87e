using ControlPlane.Contracts.V1;
using ControlPlane.Server.Stats;
using ControlPlane.Server.Tests.Api.Support;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace ControlPlane.Server.Tests.Stats;

public sealed class GetStatsTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Stats_count_runs_by_state_with_success_rate_duration_percentiles_and_failing_steps_of_one_workflow()
    {
        await using var server = await ApiServer.StartAsync(output);
        var runs = await RunHistoryAsync(server);

        var stats = await Client(server).GetStatsAsync(new GetStatsRequest { WorkflowName = "ci" }, cancellationToken: server.Ct);

        Assert.Equal(3, stats.RunsTotal);
        Assert.Equal(3, stats.RunsFinished);
        Assert.Equal((2L, 1L, 0L), (Count(stats, RunState.Succeeded), Count(stats, RunState.Failed), Count(stats, RunState.Running)));
        Assert.Equal(6, stats.RunsByState.Count);
        Assert.Equal(2.0 / 3, stats.SuccessRate, 6);
        Assert.Equal(TimeSpan.FromSeconds(20), stats.P50Duration.ToTimeSpan());
        Assert.Equal(TimeSpan.FromSeconds(30), stats.P95Duration.ToTimeSpan());
        var failure = Assert.Single(stats.StepFailures);
        Assert.Equal(("test", 1L, 1L), (failure.StepKey, failure.FailedSteps, failure.FailedAttempts));

        var all = await Client(server).GetStatsAsync(new GetStatsRequest(), cancellationToken: server.Ct);
        Assert.Equal(4, all.RunsTotal);
        Assert.Equal(runs.Count, all.RunsTotal);
    }

    [Fact]
    public async Task The_window_defaults_to_seven_days_and_a_longer_one_counts_older_runs()
    {
        await using var server = await ApiServer.StartAsync(output);
        var runs = await RunHistoryAsync(server);
        await ExecuteAsync(server, $"UPDATE runs SET created_at = created_at - {(long)TimeSpan.FromDays(10).TotalMilliseconds} WHERE id = {runs[0]}");

        var recent = await Client(server).GetStatsAsync(new GetStatsRequest { WorkflowName = "ci" }, cancellationToken: server.Ct);
        var month = await Client(server).GetStatsAsync(new GetStatsRequest { WorkflowName = "ci", Window = Duration.FromTimeSpan(TimeSpan.FromDays(30)) }, cancellationToken: server.Ct);

        Assert.Equal((2L, 1.0), (recent.RunsTotal, recent.SuccessRate));
        Assert.Empty(recent.StepFailures);
        Assert.Equal(3, month.RunsTotal);
        Assert.InRange((DateTimeOffset.UtcNow - recent.Since.ToDateTimeOffset()).TotalDays, 6.9, 7.1);
    }

    [Fact]
    public async Task An_unknown_workflow_is_NOT_FOUND_and_a_negative_window_INVALID_ARGUMENT()
    {
        await using var server = await ApiServer.StartAsync(output);

        var unknown = await Assert.ThrowsAsync<RpcException>(() => Client(server).GetStatsAsync(new GetStatsRequest { WorkflowName = "nope" }, cancellationToken: server.Ct).ResponseAsync);
        var negative = await Assert.ThrowsAsync<RpcException>(() => Client(server).GetStatsAsync(new GetStatsRequest { Window = Duration.FromTimeSpan(TimeSpan.FromHours(-1)) }, cancellationToken: server.Ct).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("nope", unknown.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, negative.StatusCode);
        Assert.Contains("window", negative.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { 10, 20, 30 }, 0.5, 20)]
    [InlineData(new[] { 10, 20, 30 }, 0.95, 30)]
    [InlineData(new[] { 7 }, 0.95, 7)]
    [InlineData(new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20 }, 0.95, 19)]
    public void Percentiles_are_nearest_rank(int[] seconds, double quantile, int expected) =>
        Assert.Equal(TimeSpan.FromSeconds(expected), RunStatsQuery.Percentile([.. seconds.Select(s => TimeSpan.FromSeconds(s))], quantile));

    /// <summary>Three runs of ci (failed in test, then two successes) lasting 10 s, 20 s and 30 s, and one of another workflow.</summary>
    private static async Task<List<long>> RunHistoryAsync(ApiServer server)
    {
        await server.ApplyAsync(Samples.Ci);
        await server.ApplyAsync(Samples.OneStep("other"), "other.yaml");
        var runner = await InProcessRunner.ConnectAsync(server, "stats-runner");
        var runs = new List<long>();
        var failed = await server.StartAsync("ci");
        await server.SucceedAsync(await runner.TakeOfferAsync());
        await server.FailAsync(await runner.TakeOfferAsync());
        await server.WaitForRunAsync(failed.Id, r => r.Run.State == RunState.Failed);
        runs.Add(failed.Id);
        for (var i = 0; i < 2; i++)
        {
            var run = await server.StartAsync("ci");
            await server.SucceedAsync(await runner.TakeOfferAsync());
            await server.SucceedAsync(await runner.TakeOfferAsync());
            await server.WaitForRunAsync(run.Id, r => r.Run.State == RunState.Succeeded);
            runs.Add(run.Id);
        }

        var other = await server.StartAsync("other");
        await server.SucceedAsync(await runner.TakeOfferAsync());
        await server.WaitForRunAsync(other.Id, r => r.Run.State == RunState.Succeeded);
        runs.Add(other.Id);
        for (var i = 0; i < 3; i++)
        {
            await ExecuteAsync(server, $"UPDATE runs SET started_at = finished_at - {(i + 1) * 10_000} WHERE id = {runs[i]}");
        }

        return runs;
    }

    private static long Count(GetStatsResponse stats, RunState state) => stats.RunsByState.Single(s => s.State == state).Count;

    private static StatsService.StatsServiceClient Client(ApiServer server) => new(server.Channel);

    private static async Task ExecuteAsync(ApiServer server, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(server.DataDir, ControlPlane.Server.Hosting.ServerHost.StoreFileName)};Default Timeout=30;Pooling=False");
        await connection.OpenAsync(server.Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(server.Ct);
    }
}
