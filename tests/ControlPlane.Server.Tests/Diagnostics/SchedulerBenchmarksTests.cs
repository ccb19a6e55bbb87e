using ControlPlane.Server.Diagnostics;
using ControlPlane.Testing;

namespace ControlPlane.Server.Tests.Diagnostics;

/// <summary>The measurement runs end to end and cleans up; how fast it is is for `bench` to report, not to assert.</summary>
public class SchedulerBenchmarksTests
{
    [Theory]
    [InlineData(false, 9)]
    [InlineData(true, 7)]
    public async Task One_step_runs_are_driven_through_the_real_scheduler_and_counted(bool backlog, int decisionsPerRun)
    {
        using var directory = new TempDirectory("cp-bench");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var result = await SchedulerBenchmarks.MeasureAsync(directory.Path, runs: 20, runners: 2, slotsPerRunner: 4, backlog, timeout.Token);

        Assert.Equal(20, result.Runs);
        Assert.Equal(20 * decisionsPerRun, result.Decisions);
        Assert.True(result.Ticks > 0 && result.DecisionsPerSecond > 0);
        Assert.Empty(Directory.GetFiles(directory.Path));
    }
}
