using System.Text;
using ControlPlane.Grpc.Client.Tests.Fixtures;
using Grpc.Core;
using static ControlPlane.Grpc.Client.Tests.Fixtures.RawCalls;

namespace ControlPlane.Grpc.Client.Tests;

/// <summary>
/// Request streams: writes leave in order without waiting for one another's flush, writes do not overlap, completion
/// ends the stream after every queued message.
/// </summary>
public sealed class StreamingTests(RawGrpcServer server) : IClassFixture<RawGrpcServer>
{
    [Fact]
    public async Task A_duplex_call_gets_each_echo_before_sending_the_next_message()
    {
        using var channel = server.Channel();
        using var call = channel.Duplex("DuplexEcho", RawGrpcServer.Options(out _));

        foreach (var size in new[] { 0, 1, 5, 16_384, 70_000, 3 })
        {
            var message = Enumerable.Range(0, size).Select(i => (byte)i).ToArray();
            await call.RequestStream.WriteAsync(message);
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal(message, call.ResponseStream.Current);
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task A_client_stream_delivers_every_message_then_its_end()
    {
        using var channel = server.Channel();
        using var call = channel.ClientStreaming("Sum", RawGrpcServer.Options(out _));

        await call.RequestStream.WriteAsync(new byte[3]);
        await call.RequestStream.WriteAsync([]);
        await call.RequestStream.WriteAsync(new byte[100_000]);
        await call.RequestStream.CompleteAsync();

        Assert.Equal("3:100003", Encoding.UTF8.GetString(await call));
    }

    [Fact]
    public async Task Messages_written_faster_than_they_leave_arrive_complete_and_in_order()
    {
        using var channel = server.Channel();
        using var call = channel.Duplex("DuplexEcho", RawGrpcServer.Options(out _));
        const int count = 20_000;

        // The writer never waits for echoes, so most writes find the previous batch still on its way.
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < count; i++)
            {
                await call.RequestStream.WriteAsync(BitConverter.GetBytes(i));
            }

            await call.RequestStream.CompleteAsync();
        });

        for (var i = 0; i < count; i++)
        {
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal(i, BitConverter.ToInt32(call.ResponseStream.Current));
        }

        await writer;
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Completing_sends_every_queued_message_before_the_end_of_the_stream()
    {
        using var channel = server.Channel();
        using var call = channel.ClientStreaming("Sum", RawGrpcServer.Options(out _));

        for (var i = 0; i < 5_000; i++)
        {
            await call.RequestStream.WriteAsync(new byte[100]);
        }

        await call.RequestStream.CompleteAsync();

        Assert.Equal("5000:500000", Encoding.UTF8.GetString(await call));
    }

    [Fact]
    public async Task Completing_at_once_sends_an_empty_request_stream()
    {
        using var channel = server.Channel();
        using var call = channel.ClientStreaming("Sum", RawGrpcServer.Options(out _));

        await call.RequestStream.CompleteAsync();

        Assert.Equal("0:0", Encoding.UTF8.GetString(await call));
    }

    [Fact]
    public async Task A_second_write_while_one_is_in_progress_throws_InvalidOperationException()
    {
        using var channel = server.Channel();
        // The server never reads the body, so a message larger than the HTTP/2 windows cannot finish writing.
        using var call = channel.Duplex("HeadersThenHang", RawGrpcServer.Options(out _));
        var stuck = call.RequestStream.WriteAsync(new byte[8 * 1024 * 1024]);

        await Assert.ThrowsAsync<InvalidOperationException>(() => call.RequestStream.WriteAsync([1]));
        await Assert.ThrowsAsync<InvalidOperationException>(() => call.RequestStream.CompleteAsync());

        Assert.False(stuck.IsCompleted);
        call.Dispose();
        Assert.Equal(StatusCode.Cancelled, (await Assert.ThrowsAsync<RpcException>(() => stuck)).StatusCode);
    }

    [Fact]
    public async Task Writing_after_completing_throws_InvalidOperationException()
    {
        using var channel = server.Channel();
        using var call = channel.Duplex("DuplexEcho", RawGrpcServer.Options(out _));
        await call.RequestStream.CompleteAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => call.RequestStream.WriteAsync([1]));
    }

    [Fact]
    public async Task Writing_after_the_server_failed_the_call_throws_its_status()
    {
        using var channel = server.Channel();
        using var call = channel.Duplex("Respond", RawGrpcServer.Options(out _, Headers((RespondHeaders.HeaderStatus, "12"))));
        await call.ResponseHeadersAsync;

        var error = await Assert.ThrowsAsync<RpcException>(() => call.RequestStream.WriteAsync([1]));

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }

    [Fact]
    public async Task Writing_after_the_call_ended_OK_throws_InvalidOperationException()
    {
        using var channel = server.Channel();
        using var call = channel.Duplex("Respond", RawGrpcServer.Options(out _, Headers((RespondHeaders.HeaderStatus, "0"))));
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));

        await Assert.ThrowsAsync<InvalidOperationException>(() => call.RequestStream.WriteAsync([1]));
    }

    [Fact]
    public async Task A_second_read_while_one_is_in_progress_throws_InvalidOperationException()
    {
        using var channel = server.Channel();
        using var call = channel.ServerStreaming("HeadersThenHang", RawGrpcServer.Options(out _));
        var pending = call.ResponseStream.MoveNext(CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        call.Dispose();
        await Assert.ThrowsAsync<RpcException>(() => pending);
    }
}
