using ControlPlane.Server.Scheduling.Runs;
using ControlPlane.Server.Tests.Scheduling.Support;

namespace ControlPlane.Server.Tests.Scheduling;

public class IdempotencyTests
{
    private const string Job = """
        name: job
        inputs:
          target: {type: string, default: a}
        steps:
          - id: work
            run: ./work
        """;

    [Fact]
    public async Task The_same_key_returns_the_same_run_also_after_a_restart()
    {
        await using var harness = await SchedulerHarness.StartAsync();
        await harness.ApplyAsync(Job);
        var first = await harness.Launcher.StartAsync("job", null, new Dictionary<string, string> { ["target"] = "a" }, "req-1", 0, harness.Ct);

        var again = await harness.Launcher.StartAsync("job", null, new Dictionary<string, string>(), "req-1", 0, harness.Ct);
        await harness.RestartAsync();
        var afterRestart = await harness.Launcher.StartAsync("job", null, new Dictionary<string, string> { ["target"] = "a" }, "req-1", 0, harness.Ct);

        Assert.True(first.Created);
        Assert.False(again.Created);
        Assert.False(afterRestart.Created);
        Assert.Equal(first.Run.Id, again.Run.Id);
        Assert.Equal(first.Run.Id, afterRestart.Run.Id);
        Assert.Single(await harness.ReadAsync(unit => unit.Runs.ListActiveAsync(harness.Ct)));
    }

    [Fact]
    public async Task A_different_request_under_the_same_key_is_a_conflict()
    {
        await using var harness = await SchedulerHarness.StartAsync();
        await harness.ApplyAsync(Job);
        await harness.ApplyAsync(Job.Replace("name: job", "name: other", StringComparison.Ordinal), "other.yaml");
        var first = await harness.StartRunAsync("job", idempotencyKey: "req-1");

        var inputs = await Assert.ThrowsAsync<IdempotencyKeyConflictException>(() => harness.StartRunAsync("job", new() { ["target"] = "b" }, "req-1"));
        var workflow = await Assert.ThrowsAsync<IdempotencyKeyConflictException>(() => harness.StartRunAsync("other", idempotencyKey: "req-1"));

        Assert.Equal(first, inputs.ExistingRun);
        Assert.Contains("other inputs", inputs.Message, StringComparison.Ordinal);
        Assert.Contains("another workflow", workflow.Message, StringComparison.Ordinal);
    }
}
