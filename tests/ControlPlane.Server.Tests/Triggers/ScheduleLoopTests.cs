using ControlPlane.Core.Runs;
using ControlPlane.Server.Tests.Triggers.Support;
using ControlPlane.Server.Triggers.Schedules;

namespace ControlPlane.Server.Tests.Triggers;

/// <summary>The schedule loop over a real SQLite file with a manual clock, across restarts.</summary>
public sealed class ScheduleLoopTests
{
    private static readonly DateTimeOffset Start = At("2026-05-01T10:00:30Z");

    private const string Hourly = """
        name: nightly
        inputs:
          target: {type: string, default: staging}
        on:
          schedule:
            - cron: "0 * * * *"
              inputs: {target: production}
        steps:
          - id: deploy
            run: echo ${{ inputs.target }}
        """;

    [Fact]
    public async Task Applying_stores_each_schedule_with_its_next_fire_time_in_its_time_zone()
    {
        await using var harness = await ScheduleHarness.StartAsync(Start);

        await harness.ApplyAsync(Schedules(("0 * * * *", null), ("30 2 * * *", "Europe/Berlin")));
        var schedules = await harness.SchedulesAsync();

        Assert.Equal(
            [("0 * * * *", "UTC", (DateTimeOffset?)At("2026-05-01T11:00:00Z")), ("30 2 * * *", "Europe/Berlin", At("2026-05-02T00:30:00Z"))],
            schedules.Select(s => (s.Cron, s.TimeZone, s.NextFireAt)));
    }

    [Fact]
    public async Task Reapplying_keeps_unchanged_schedules_recomputes_changed_ones_and_drops_removed_ones()
    {
        await using var harness = await ScheduleHarness.StartAsync(Start);
        await harness.ApplyAsync(Schedules(("0 * * * *", null), ("0 3 * * *", null), ("@weekly", null)));
        await harness.StartLoopAsync();
        harness.Time.AdvanceTo(At("2026-05-01T10:58:00Z"));
        await harness.AdvanceUntilAsync(async () => (await harness.RunsAsync()).Count == 1, TimeSpan.FromMinutes(1), At("2026-05-01T11:30:00Z"));

        await harness.ApplyAsync(Schedules(("0 * * * *", null), ("0 4 * * *", null)));
        var schedules = await harness.SchedulesAsync();

        Assert.Equal(2, schedules.Count);
        Assert.Equal((At("2026-05-01T12:00:00Z"), At("2026-05-01T11:00:00Z")), (schedules[0].NextFireAt, schedules[0].LastFiredAt));
        Assert.Equal(("0 4 * * *", At("2026-05-02T04:00:00Z"), (DateTimeOffset?)null), (schedules[1].Cron, schedules[1].NextFireAt, schedules[1].LastFiredAt));
    }

    [Fact]
    public async Task A_due_schedule_starts_one_run_with_its_inputs_and_the_next_hour_starts_the_next()
    {
        await using var harness = await ScheduleHarness.StartAsync(Start);
        await harness.ApplyAsync(Hourly);
        await harness.StartLoopAsync();
        Assert.Empty(await harness.RunsAsync());

        // The clock moves in steps; the loop must wake by its own timer at each hour.
        harness.Time.AdvanceTo(At("2026-05-01T10:58:00Z"));
        await harness.AdvanceUntilAsync(async () => (await harness.RunsAsync()).Count == 1, TimeSpan.FromMinutes(1), At("2026-05-01T11:30:00Z"));
        harness.Time.AdvanceTo(At("2026-05-01T11:58:00Z"));
        await harness.AdvanceUntilAsync(async () => (await harness.RunsAsync()).Count == 2, TimeSpan.FromMinutes(1), At("2026-05-01T12:30:00Z"));
        var runs = await harness.RunsAsync();

        Assert.Equal(["schedule:nightly:0:2026-05-01T11:00:00Z", "schedule:nightly:0:2026-05-01T12:00:00Z"], runs.Select(r => r.IdempotencyKey));
        Assert.All(runs, r => Assert.Equal(RunOrigin.Schedule, r.Origin));
        Assert.Contains("\"production\"", runs[0].InputsJson, StringComparison.Ordinal);
        Assert.Equal(At("2026-05-01T13:00:00Z"), (await harness.SchedulesAsync())[0].NextFireAt);
    }

    [Fact]
    public async Task A_server_down_across_several_fire_times_starts_exactly_one_run_and_a_second_restart_none()
    {
        await using var harness = await ScheduleHarness.StartAsync(Start);
        await harness.ApplyAsync(Hourly);
        await harness.StartLoopAsync();

        await harness.RestartAsync();
        harness.Time.AdvanceTo(At("2026-05-01T14:30:00Z"));
        await harness.StartLoopAsync();
        var afterFirstRestart = await harness.RunsAsync();
        await harness.RestartAsync();
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        await harness.StartLoopAsync();
        var afterSecondRestart = await harness.RunsAsync();
        var schedule = (await harness.SchedulesAsync())[0];

        Assert.Equal(["schedule:nightly:0:2026-05-01T14:00:00Z"], afterFirstRestart.Select(r => r.IdempotencyKey));
        Assert.Equal(afterFirstRestart.Select(r => r.Id), afterSecondRestart.Select(r => r.Id));
        Assert.Equal((At("2026-05-01T15:00:00Z"), At("2026-05-01T14:00:00Z")), (schedule.NextFireAt, schedule.LastFiredAt));
    }

    [Fact]
    public async Task With_missed_set_to_skip_a_restart_starts_nothing_for_the_missed_times_and_the_next_fire_runs()
    {
        await using var harness = await ScheduleHarness.StartAsync(Start, MissedSchedulePolicy.Skip);
        await harness.ApplyAsync(Hourly);

        await harness.RestartAsync();
        harness.Time.AdvanceTo(At("2026-05-01T14:30:00Z"));
        await harness.StartLoopAsync();
        var afterRestart = await harness.RunsAsync();
        await harness.AdvanceUntilAsync(async () => (await harness.RunsAsync()).Count == 1, TimeSpan.FromMinutes(1), At("2026-05-01T15:30:00Z"));

        Assert.Empty(afterRestart);
        Assert.Equal("schedule:nightly:0:2026-05-01T15:00:00Z", (await harness.RunsAsync())[0].IdempotencyKey);
    }

    [Fact]
    public async Task A_berlin_schedule_in_the_repeated_hour_fires_once_on_the_fall_back_night()
    {
        await using var harness = await ScheduleHarness.StartAsync(At("2026-10-24T23:00:00Z"));
        await harness.ApplyAsync(Schedules(("30 2 * * *", "Europe/Berlin")));
        await harness.StartLoopAsync();

        // 02:30 local happens at 00:30Z (CEST) and again at 01:30Z (CET); walk through both and beyond.
        await harness.AdvanceUntilAsync(() => Task.FromResult(harness.Time.GetUtcNow() >= At("2026-10-25T03:00:00Z")), TimeSpan.FromMinutes(10), At("2026-10-25T03:00:00Z"));

        Assert.Equal(["schedule:berlin:0:2026-10-25T00:30:00Z"], (await harness.RunsAsync()).Select(r => r.IdempotencyKey));
        Assert.Equal(At("2026-10-26T01:30:00Z"), (await harness.SchedulesAsync())[0].NextFireAt);
    }

    [Fact]
    public async Task A_berlin_schedule_in_the_skipped_hour_fires_once_at_the_end_of_the_gap()
    {
        await using var harness = await ScheduleHarness.StartAsync(At("2026-03-28T23:00:00Z"));
        await harness.ApplyAsync(Schedules(("*/20 2 * * *", "Europe/Berlin")));
        await harness.StartLoopAsync();

        // 02:00-02:59 does not exist on 2026-03-29: 03:00 CEST (01:00Z) stands in for all three times, once.
        await harness.AdvanceUntilAsync(() => Task.FromResult(harness.Time.GetUtcNow() >= At("2026-03-29T03:00:00Z")), TimeSpan.FromMinutes(10), At("2026-03-29T03:00:00Z"));

        Assert.Equal(["schedule:berlin:0:2026-03-29T01:00:00Z"], (await harness.RunsAsync()).Select(r => r.IdempotencyKey));
    }

    private static string Schedules(params (string Cron, string? Zone)[] schedules)
    {
        var entries = string.Concat(schedules.Select(s => $"\n    - cron: \"{s.Cron}\"" + (s.Zone is null ? "" : $"\n      timezone: {s.Zone}")));
        var name = schedules.Any(s => s.Zone == "Europe/Berlin") ? "berlin" : "many";
        return $"name: {name}\non:\n  schedule:{entries}\nsteps:\n  - id: a\n    run: echo hi\n";
    }

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
