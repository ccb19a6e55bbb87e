using ControlPlane.Store.Diagnostics;
using ControlPlane.Testing;

namespace ControlPlane.Store.Tests.Diagnostics;

/// <summary>The measurements run and clean up after themselves; how fast they are is for `bench` to report, not to assert.</summary>
public class StoreBenchmarksTests
{
    [Fact]
    public async Task Durable_commits_are_measured_in_a_file_that_is_removed_afterwards()
    {
        using var directory = new TempDirectory("cp-bench");

        var result = await StoreBenchmarks.MeasureDurableCommitsAsync(directory.Path, 30, CancellationToken.None);

        Assert.Equal(30, result.Operations);
        Assert.True(result.PerSecond > 0);
        Assert.Empty(Directory.GetFiles(directory.Path));
    }

    [Fact]
    public async Task Scheduling_decisions_are_measured_through_the_store()
    {
        using var directory = new TempDirectory("cp-bench");

        var result = await StoreBenchmarks.MeasureSchedulingDecisionsAsync(directory.Path, 30, CancellationToken.None);

        Assert.Equal(30, result.Operations);
        Assert.True(result.PerSecond > 0);
        Assert.Empty(Directory.GetFiles(directory.Path));
    }
}
