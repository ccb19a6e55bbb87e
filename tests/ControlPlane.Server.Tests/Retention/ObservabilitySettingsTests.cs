using ControlPlane.Server.Hosting;
using ControlPlane.Server.Metrics;
using ControlPlane.Server.Retention;
using ControlPlane.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ControlPlane.Server.Tests.Retention;

/// <summary>The retention and metrics flags, their CP_* twins and what the host makes of them.</summary>
public sealed class ObservabilitySettingsTests
{
    [Fact]
    public void Retention_and_OTLP_flags_become_configuration_with_durations_as_TimeSpan_text()
    {
        var flags = ServerFlags.FromArguments(["--retention-max-age", "30d", "--retention-max-log-bytes", "1073741824", "--otlp-endpoint", "http://collector:4318"]);
        var environment = ServerFlags.FromEnvironment(name => name == "CP_RETENTION_MAX_AGE" ? "12h" : null);

        Assert.Equal("30.00:00:00", flags["Retention:MaxAge"]);
        Assert.Equal("1073741824", flags["Retention:MaxLogBytes"]);
        Assert.Equal("http://collector:4318", flags["Metrics:OtlpEndpoint"]);
        Assert.Equal("12:00:00", environment["Retention:MaxAge"]);
    }

    [Theory]
    [InlineData("--retention-max-log-bytes", "lots", "--retention-max-log-bytes: 'lots' is not a whole number")]
    [InlineData("--retention-max-log-bytes", "-1", "--retention-max-log-bytes")]
    [InlineData("--otlp-endpoint", "ftp://collector", "--otlp-endpoint")]
    [InlineData("--retention-max-age", "soon", "--retention-max-age")]
    public async Task A_bad_retention_or_metrics_setting_stops_the_server_with_a_usage_error_naming_it(string flag, string value, string named)
    {
        using var directory = new TempDirectory("cp-settings");
        var error = await Assert.ThrowsAsync<UsageException>(() => ServerHost.BuildAsync(["--dev", "--listen", "http://127.0.0.1:0", "--data-dir", directory.Combine("data"), flag, value], CancellationToken.None));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retention_runs_as_a_hosted_job_only_when_a_limit_is_set()
    {
        using var directory = new TempDirectory("cp-settings");
        await using var off = await ServerHost.BuildAsync(["--dev", "--listen", "http://127.0.0.1:0", "--data-dir", directory.Combine("off")], CancellationToken.None);
        await using var on = await ServerHost.BuildAsync(["--dev", "--listen", "http://127.0.0.1:0", "--data-dir", directory.Combine("on"), "--retention-max-age", "30d"], CancellationToken.None);

        Assert.DoesNotContain(off.Services.GetServices<IHostedService>(), s => s is RetentionJob);
        Assert.Contains(on.Services.GetServices<IHostedService>(), s => s is RetentionJob);
        Assert.Equal(TimeSpan.FromDays(30), on.Services.GetRequiredService<IOptions<RetentionOptions>>().Value.MaxAge);
        Assert.Null(on.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.OtlpEndpoint);

        // Never started, so nothing closes the stores they opened but this.
        await off.Services.GetRequiredService<Core.Storage.IStore>().DisposeAsync();
        await on.Services.GetRequiredService<Core.Storage.IStore>().DisposeAsync();
    }
}
