using ControlPlane.Server.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace ControlPlane.Server.Tests.Health;

public class HealthReasonTests
{
    private const string Full = "the database cannot be written: database or disk is full";

    [Fact]
    public void A_healthy_report_has_no_reason()
    {
        Assert.Null(HealthReason.Describe(Report((HealthServices.LifetimeCheck, null), (HealthServices.StoreCheck, null), (HealthServices.SchedulerCheck, null))));
    }

    [Fact]
    public void An_unwritable_database_is_the_reason_word_for_word()
    {
        Assert.Equal(Full, HealthReason.Describe(Report((HealthServices.LifetimeCheck, null), (HealthServices.StoreCheck, Full), (HealthServices.SchedulerCheck, null))));
    }

    [Fact]
    public void A_stopping_server_says_stopping_whatever_else_fails()
    {
        Assert.Equal("stopping", HealthReason.Describe(Report((HealthServices.StoreCheck, Full), (HealthServices.LifetimeCheck, HealthReason.Stopping))));
    }

    [Fact]
    public void Several_failures_are_named_together()
    {
        Assert.Equal($"{Full}; the scheduler has stopped", HealthReason.Describe(Report((HealthServices.StoreCheck, Full), (HealthServices.SchedulerCheck, "the scheduler has stopped"))));
    }

    [Fact]
    public async Task The_lifetime_check_is_unhealthy_until_started_and_for_good_once_stopping()
    {
        using var lifetime = new Lifetime();
        var check = new LifetimeHealthCheck(lifetime);

        var starting = await check.CheckHealthAsync(new HealthCheckContext());
        lifetime.Started.Cancel();
        var serving = await check.CheckHealthAsync(new HealthCheckContext());
        lifetime.Stopping.Cancel();
        var stopping = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal((HealthStatus.Unhealthy, "starting"), (starting.Status, starting.Description));
        Assert.Equal(HealthStatus.Healthy, serving.Status);
        Assert.Equal((HealthStatus.Unhealthy, "stopping"), (stopping.Status, stopping.Description));
    }

    /// <param name="entries">Check name and, when unhealthy, its description.</param>
    private static HealthReport Report(params (string Name, string? Failure)[] entries) => new(
        entries.ToDictionary(
            e => e.Name,
            e => new HealthReportEntry(e.Failure is null ? HealthStatus.Healthy : HealthStatus.Unhealthy, e.Failure, TimeSpan.Zero, null, null)),
        TimeSpan.Zero);

    private sealed class Lifetime : IHostApplicationLifetime, IDisposable
    {
        public CancellationTokenSource Started { get; } = new();

        public CancellationTokenSource Stopping { get; } = new();

        public CancellationToken ApplicationStarted => Started.Token;

        public CancellationToken ApplicationStopping => Stopping.Token;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => Stopping.Cancel();

        public void Dispose()
        {
            Started.Dispose();
            Stopping.Dispose();
        }
    }
}
