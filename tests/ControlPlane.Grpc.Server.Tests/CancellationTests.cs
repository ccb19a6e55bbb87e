using ControlPlane.Grpc.Server.Tests.Services;
using ControlPlane.Grpc.Server.Tests.Wire;

namespace ControlPlane.Grpc.Server.Tests;

/// <summary>A client that goes away cancels the handler's token.</summary>
public sealed class CancellationTests
{
    private const uint Cancel = 0x8;

    [Fact]
    public async Task A_client_RST_STREAM_cancels_the_handler_token()
    {
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        var probe = new CallProbe();
        await using var server = await TestServers.StartAsync<StubbornService>(probe);
        await using var connection = await StartDuplexCallAsync(server.HttpAddress, timeout.Token);
        var frames = connection.ReadUntilClosedAsync(timeout.Token);
        await probe.HandlerStarted.Task.WaitAsync(timeout.Token);
        Assert.False(probe.HandlerTokenCancelled.Task.IsCompleted);

        await connection.SendRstStreamAsync(streamId: 1, Cancel, timeout.Token);

        await probe.HandlerTokenCancelled.Task.WaitAsync(timeout.Token);
        await probe.HandlerFinished.Task.WaitAsync(timeout.Token);
        await TestServers.AssertStillServesAsync(server, timeout.Token);
        await connection.DisposeAsync();
        await frames;
    }

    [Fact]
    public async Task A_closed_connection_cancels_the_handler_token()
    {
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        var probe = new CallProbe();
        await using var server = await TestServers.StartAsync<StubbornService>(probe);
        var connection = await StartDuplexCallAsync(server.HttpAddress, timeout.Token);
        await probe.HandlerStarted.Task.WaitAsync(timeout.Token);

        await connection.DisposeAsync();

        await probe.HandlerTokenCancelled.Task.WaitAsync(timeout.Token);
        await probe.HandlerFinished.Task.WaitAsync(timeout.Token);
    }

    private static async Task<RawHttp2Connection> StartDuplexCallAsync(Uri server, CancellationToken cancellationToken)
    {
        var connection = await RawHttp2Connection.ConnectAsync(server, cancellationToken);
        await connection.SendPrefaceAsync(cancellationToken);
        await connection.SendHeadersAsync(
            streamId: 1,
            [
                (":method", "POST"), (":scheme", "http"), (":path", TestServicePaths.FullDuplexCall),
                (":authority", $"{server.Host}:{server.Port}"), ("content-type", "application/grpc"), ("te", "trailers"),
            ],
            endStream: false,
            cancellationToken);
        return connection;
    }
}
