using ControlPlane.Grpc.Client.Tests.Fixtures;
using Grpc.Core;
using static ControlPlane.Grpc.Client.Tests.Fixtures.RawCalls;

namespace ControlPlane.Grpc.Client.Tests;

/// <summary>How the client reads length-prefixed messages, compressed or not, from a response body.</summary>
public sealed class MessageFramingTests(RawGrpcServer server) : IClassFixture<RawGrpcServer>
{
    [Fact]
    public async Task A_unary_response_without_a_message_gives_INTERNAL()
    {
        using var channel = server.Channel();

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            channel.Unary("Respond", RawGrpcServer.Options(out _, Headers((RespondHeaders.MessageCount, "0")))).ResponseAsync);

        Assert.Equal(StatusCode.Internal, error.StatusCode);
    }

    [Fact]
    public async Task A_unary_response_with_two_messages_gives_INTERNAL()
    {
        using var channel = server.Channel();

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            channel.Unary("Respond", RawGrpcServer.Options(out _, Headers((RespondHeaders.MessageCount, "2")))).ResponseAsync);

        Assert.Equal(StatusCode.Internal, error.StatusCode);
    }

    [Fact]
    public async Task A_body_that_ends_inside_a_message_gives_INTERNAL()
    {
        using var channel = server.Channel();
        using var call = channel.ServerStreaming("Respond", RawGrpcServer.Options(out _, Headers((RespondHeaders.Truncate, "yes"))), [7]);

        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
    }

    [Fact]
    public async Task A_server_stream_delivers_every_message_then_ends()
    {
        using var channel = server.Channel();
        using var call = channel.ServerStreaming("Respond", RawGrpcServer.Options(out _, Headers((RespondHeaders.MessageCount, "3"))), [1, 2]);

        var messages = new List<byte[]>();
        await foreach (var message in call.ResponseStream.ReadAllAsync())
        {
            messages.Add(message);
        }

        Assert.Equal([[1, 2], [1, 2], [1, 2]], messages);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Messages_spanning_many_HTTP2_frames_arrive_whole()
    {
        using var channel = server.Channel();
        var request = Enumerable.Range(0, 3_000_000).Select(i => (byte)i).ToArray();

        var response = await channel.Unary("Respond", RawGrpcServer.Options(out _), request);

        Assert.Equal(request, response);
    }

    [Fact]
    public async Task A_gzip_compressed_response_is_decompressed()
    {
        using var channel = server.Channel();
        var headers = Headers((RespondHeaders.Encoding, "gzip"), (RespondHeaders.CompressedFlag, "1"), (RespondHeaders.MessageCount, "2"));
        var request = Enumerable.Range(0, 10_000).Select(i => (byte)(i % 7)).ToArray();

        using var call = channel.ServerStreaming("Respond", RawGrpcServer.Options(out _, headers), request);

        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(request, call.ResponseStream.Current);
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(request, call.ResponseStream.Current);
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
    }

    [Fact]
    public async Task A_compressed_message_in_an_unsupported_encoding_gives_INTERNAL()
    {
        using var channel = server.Channel();
        var headers = Headers((RespondHeaders.Encoding, "br"), (RespondHeaders.CompressedFlag, "1"));

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.Unary("Respond", RawGrpcServer.Options(out _, headers), [1]).ResponseAsync);

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Contains("br", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_compressed_message_without_grpc_encoding_gives_INTERNAL()
    {
        using var channel = server.Channel();

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            channel.Unary("Respond", RawGrpcServer.Options(out _, Headers((RespondHeaders.CompressedFlag, "1"))), [1]).ResponseAsync);

        Assert.Equal(StatusCode.Internal, error.StatusCode);
    }

    [Fact]
    public async Task An_uncompressed_message_is_read_whatever_the_grpc_encoding()
    {
        using var channel = server.Channel();

        var response = await channel.Unary("Respond", RawGrpcServer.Options(out _, Headers((RespondHeaders.Encoding, "br"))), [4, 2]);

        Assert.Equal(new byte[] { 4, 2 }, response);
    }
}
