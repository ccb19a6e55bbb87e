using ControlPlane.Server.Api;

namespace ControlPlane.Server.Tests.Api;

public class ApiOptionsTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        var options = new ApiOptions();

        Assert.True(new ApiOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal((TimeSpan.FromMilliseconds(200), 65536, 50, 1000), (options.LogPollInterval, options.LogReadBytes, options.DefaultPageSize, options.MaxPageSize));
        Assert.Equal((TimeSpan.FromMilliseconds(150), 500), (options.WatchPollInterval, options.WatchReadEvents));
    }

    [Fact]
    public void Every_bad_setting_is_named_by_its_key()
    {
        var options = new ApiOptions { LogPollInterval = TimeSpan.Zero, LogReadBytes = 0, DefaultPageSize = 2000, WatchPollInterval = TimeSpan.FromSeconds(-1), WatchReadEvents = 0 };

        var failures = new ApiOptionsValidator().Validate(null, options).Failures!;

        Assert.Contains(failures, f => f.StartsWith("Api:LogPollInterval: must be positive", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Api:LogReadBytes: must be at least 1", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Api:WatchPollInterval: must be positive", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Api:WatchReadEvents: must be at least 1", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Api:DefaultPageSize: must not exceed Api:MaxPageSize (1000)", StringComparison.Ordinal));
    }
}
