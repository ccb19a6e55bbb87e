using ControlPlane.Agent.Session;
using ControlPlane.Testing;

namespace ControlPlane.Agent.Tests.Session;

public sealed class LeaseFenceTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(4);

    [Fact]
    public void Before_any_contact_nothing_is_expired()
    {
        var time = new ManualTimeProvider();
        var fence = new LeaseFence(time);

        time.Advance(TimeSpan.FromMinutes(5));

        Assert.Null(fence.ExpiredSilence(time.GetUtcNow()));
    }

    [Fact]
    public void Contact_within_the_lease_keeps_it_and_a_full_lease_of_silence_expires_it()
    {
        var time = new ManualTimeProvider();
        var fence = new LeaseFence(time);
        fence.Heard(Lease);

        time.Advance(TimeSpan.FromSeconds(3));
        fence.Heard(Lease);
        time.Advance(TimeSpan.FromSeconds(3));
        Assert.Null(fence.ExpiredSilence(time.GetUtcNow()));

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(Lease, fence.ExpiredSilence(time.GetUtcNow()));
    }

    [Fact]
    public void A_refused_connection_keeps_the_leases_because_a_down_server_places_no_work_elsewhere()
    {
        var time = new ManualTimeProvider();
        var fence = new LeaseFence(time);
        fence.Heard(Lease);

        time.Advance(TimeSpan.FromSeconds(3));
        fence.ServerDown();
        time.Advance(TimeSpan.FromSeconds(3));
        Assert.Null(fence.ExpiredSilence(time.GetUtcNow()));

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(Lease, fence.ExpiredSilence(time.GetUtcNow()));
    }

    [Fact]
    public async Task The_watch_fires_once_per_silence_that_outlasts_the_lease_and_again_after_new_contact()
    {
        var time = new ManualTimeProvider();
        var fence = new LeaseFence(time);
        var fired = new List<TimeSpan>();
        var next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        fence.Heard(Lease);
        var watching = fence.RunAsync(
            silence =>
            {
                lock (fired)
                {
                    fired.Add(silence);
                }

                next.TrySetResult();
            },
            stop.Token);

        time.Advance(TimeSpan.FromSeconds(5));
        await next.Task.WaitAsync(TimeSpan.FromSeconds(30));
        next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        time.Advance(TimeSpan.FromSeconds(30));
        fence.Heard(Lease);
        time.Advance(TimeSpan.FromSeconds(5));
        await next.Task.WaitAsync(TimeSpan.FromSeconds(30));

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watching);
        lock (fired)
        {
            Assert.Equal(2, fired.Count);
            Assert.All(fired, silence => Assert.True(silence >= Lease, $"fired after {silence}"));
        }
    }
}
