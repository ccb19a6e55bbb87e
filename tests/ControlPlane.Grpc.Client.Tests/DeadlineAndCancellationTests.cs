using System.Diagnostics;
using ControlPlane.Grpc.Client.Tests.Fixtures;
using Grpc.Core;
using Grpc.Net.Client;

namespace ControlPlane.Grpc.Client.Tests;

/// <summary>Deadlines, cancellation tokens and Dispose end calls on the client, whatever the server does.</summary>
public sealed class DeadlineAndCancellationTests(RawGrpcServer server) : IClassFixture<RawGrpcServer>
{
    private static readonly TimeSpan AbortTimeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_server_that_never_answers_gives_DEADLINE_EXCEEDED_on_time_and_sees_the_request_cancelled()
    {
        using var channel = server.Channel();
        var options = RawGrpcServer.Options(out var testId, deadline: DateTime.UtcNow.AddMilliseconds(300));
        var stopwatch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.Unary("Hang", options).ResponseAsync);

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(2));
        await server.AbortObserved(testId).WaitAsync(AbortTimeout);
    }

    [Fact]
    public async Task Deadlines_racing_the_transport_always_give_DEADLINE_EXCEEDED()
    {
        // The deadline fires while requests are connecting, sending or reading; the failing transport must
        // never win and report its own status.
        using var channel = server.Channel();

        var codes = await Task.WhenAll(Enumerable.Range(0, 300).Select(async i =>
        {
            var options = RawGrpcServer.Options(out _, deadline: DateTime.UtcNow.AddMilliseconds(1 + (i % 30)));
            var error = await Assert.ThrowsAsync<RpcException>(async () =>
            {
                if (i % 2 == 0)
                {
                    await channel.Unary("Hang", options);
                    return;
                }

                using var call = channel.Duplex("HeadersThenHang", options);
                await call.RequestStream.WriteAsync(new byte[i]);
                await call.ResponseStream.MoveNext(CancellationToken.None);
            });
            return error.StatusCode;
        }));

        Assert.All(codes, code => Assert.Equal(StatusCode.DeadlineExceeded, code));
    }

    [Fact]
    public async Task A_deadline_passing_mid_stream_gives_DEADLINE_EXCEEDED()
    {
        using var channel = server.Channel();
        // The deadline must outlast the response headers, or the call fails before it is mid-stream: 300 ms did not on a
        // loaded 2-core machine (the headers arrived after it). The server never sends a message, so the stream phase waits
        // for the deadline whatever its length.
        using var call = channel.ServerStreaming("HeadersThenHang", RawGrpcServer.Options(out _, deadline: DateTime.UtcNow.AddSeconds(3)));
        await call.ResponseHeadersAsync;

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.Equal(StatusCode.DeadlineExceeded, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task A_deadline_already_past_fails_without_sending()
    {
        using var channel = server.Channel();

        var options = RawGrpcServer.Options(out var testId, deadline: DateTime.UtcNow.AddSeconds(-1));

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.Unary("Respond", options).ResponseAsync);

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.Equal(0, server.Arrivals(testId));
    }

    [Fact]
    public async Task Cancelling_the_token_gives_CANCELLED_and_cancels_the_request()
    {
        using var channel = server.Channel();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var options = RawGrpcServer.Options(out var testId, cancellationToken: cancellation.Token);

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.Unary("Hang", options).ResponseAsync);

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        await server.AbortObserved(testId).WaitAsync(AbortTimeout);
    }

    [Fact]
    public async Task An_already_cancelled_token_gives_CANCELLED_without_sending()
    {
        using var channel = server.Channel();

        var options = RawGrpcServer.Options(out var testId, cancellationToken: new CancellationToken(canceled: true));

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.Unary("Respond", options).ResponseAsync);

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.Equal(0, server.Arrivals(testId));
    }

    [Fact]
    public async Task Cancelling_a_read_cancels_the_call()
    {
        using var channel = server.Channel();
        using var call = channel.ServerStreaming("HeadersThenHang", RawGrpcServer.Options(out var testId));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(cancellation.Token));

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.Equal(StatusCode.Cancelled, call.GetStatus().StatusCode);
        await server.AbortObserved(testId).WaitAsync(AbortTimeout);
    }

    [Fact]
    public async Task With_ThrowOperationCanceledOnCancellation_cancelling_throws_OperationCanceledException()
    {
        using var channel = server.Channel(new GrpcChannelOptions { ThrowOperationCanceledOnCancellation = true });
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            channel.Unary("Hang", RawGrpcServer.Options(out _, cancellationToken: cancellation.Token)).ResponseAsync);
    }

    [Fact]
    public async Task With_ThrowOperationCanceledOnCancellation_a_deadline_throws_OperationCanceledException()
    {
        using var channel = server.Channel(new GrpcChannelOptions { ThrowOperationCanceledOnCancellation = true });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            channel.Unary("Hang", RawGrpcServer.Options(out _, deadline: DateTime.UtcNow.AddMilliseconds(200))).ResponseAsync);
    }

    [Fact]
    public async Task Disposing_a_call_in_flight_cancels_it()
    {
        using var channel = server.Channel();
        var call = channel.ServerStreaming("HeadersThenHang", RawGrpcServer.Options(out var testId));
        await call.ResponseHeadersAsync;

        call.Dispose();

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        await server.AbortObserved(testId).WaitAsync(AbortTimeout);
    }

    [Fact]
    public async Task Status_and_trailers_are_unavailable_until_the_call_completes()
    {
        using var channel = server.Channel();
        using var call = channel.ServerStreaming("HeadersThenHang", RawGrpcServer.Options(out _));

        await call.ResponseHeadersAsync;

        Assert.Throws<InvalidOperationException>(() => call.GetStatus());
        Assert.Throws<InvalidOperationException>(() => call.GetTrailers());
    }

    [Fact]
    public async Task Response_headers_arrive_before_any_message()
    {
        using var channel = server.Channel();
        using var call = channel.ServerStreaming("HeadersThenHang", RawGrpcServer.Options(out _));

        var headers = await call.ResponseHeadersAsync.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.NotNull(headers);
    }

    [Fact]
    public async Task Disposing_the_channel_cancels_its_calls_and_refuses_new_ones()
    {
        var channel = server.Channel();
        using var call = channel.ServerStreaming("HeadersThenHang", RawGrpcServer.Options(out var testId));
        await call.ResponseHeadersAsync;

        channel.Dispose();

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.Throws<ObjectDisposedException>(() => channel.Unary("Respond", RawGrpcServer.Options(out _)));
        await server.AbortObserved(testId).WaitAsync(AbortTimeout);
    }
}
