using ControlPlane.Server.Health;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace ControlPlane.Server.Tests.Health;

public class HealthStatusRegistryTests
{
    [Fact]
    public void An_unknown_service_has_no_status()
    {
        Assert.Null(new HealthStatusRegistry().Get("nope"));
    }

    [Fact]
    public async Task Watch_yields_the_current_status_then_each_change()
    {
        var registry = new HealthStatusRegistry();
        registry.Set("svc", ServingStatus.Serving);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var watch = registry.WatchAsync("svc", cts.Token).GetAsyncEnumerator(cts.Token);

        Assert.True(await watch.MoveNextAsync());
        Assert.Equal(ServingStatus.Serving, watch.Current);

        registry.SetAll(ServingStatus.NotServing);
        Assert.True(await watch.MoveNextAsync());
        Assert.Equal(ServingStatus.NotServing, watch.Current);
    }

    [Fact]
    public async Task Watching_an_unknown_service_yields_SERVICE_UNKNOWN_until_it_appears()
    {
        var registry = new HealthStatusRegistry();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var watch = registry.WatchAsync("later", cts.Token).GetAsyncEnumerator(cts.Token);

        Assert.True(await watch.MoveNextAsync());
        Assert.Equal(ServingStatus.ServiceUnknown, watch.Current);

        registry.Set("later", ServingStatus.Serving);
        Assert.True(await watch.MoveNextAsync());
        Assert.Equal(ServingStatus.Serving, watch.Current);
    }

    [Fact]
    public void An_unwritable_database_makes_every_service_NOT_SERVING_with_the_cause_until_it_can_be_written()
    {
        var registry = new HealthStatusRegistry();
        registry.Set("", ServingStatus.Serving);
        registry.Set("svc", ServingStatus.Serving);

        registry.SetStoreFailure("the database cannot be written: database or disk is full");

        Assert.Equal(ServingStatus.NotServing, registry.Get(""));
        Assert.Equal(ServingStatus.NotServing, registry.Get("svc"));
        Assert.Equal("the database cannot be written: database or disk is full", registry.Reason);

        registry.SetStoreFailure(null);

        Assert.Equal(ServingStatus.Serving, registry.Get(""));
        Assert.Equal(ServingStatus.Serving, registry.Get("svc"));
        Assert.Null(registry.Reason);
    }

    [Fact]
    public void A_stopping_server_stays_NOT_SERVING_when_the_database_can_be_written_again()
    {
        var registry = new HealthStatusRegistry();
        registry.Set("", ServingStatus.Serving);
        registry.SetStoreFailure("the database cannot be written: disk I/O error");

        registry.Stop();
        registry.SetStoreFailure(null);

        Assert.Equal(ServingStatus.NotServing, registry.Get(""));
        Assert.Equal("stopping", registry.Reason);
    }
}
