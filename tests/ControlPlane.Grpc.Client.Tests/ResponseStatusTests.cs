using ControlPlane.Grpc.Client.Tests.Fixtures;
using Grpc.Core;
using static ControlPlane.Grpc.Client.Tests.Fixtures.RawCalls;

namespace ControlPlane.Grpc.Client.Tests;

/// <summary>Where the client finds a call's status: trailers, trailers-only headers, or the HTTP status.</summary>
public sealed class ResponseStatusTests(RawGrpcServer server) : IClassFixture<RawGrpcServer>
{
    [Theory]
    [InlineData(400, StatusCode.Internal)]
    [InlineData(401, StatusCode.Unauthenticated)]
    [InlineData(403, StatusCode.PermissionDenied)]
    [InlineData(404, StatusCode.Unimplemented)]
    [InlineData(429, StatusCode.Unavailable)]
    [InlineData(502, StatusCode.Unavailable)]
    [InlineData(503, StatusCode.Unavailable)]
    [InlineData(504, StatusCode.Unavailable)]
    [InlineData(500, StatusCode.Unknown)]
    [InlineData(418, StatusCode.Unknown)]
    public async Task An_HTTP_error_without_grpc_status_maps_to_the_specified_code(int httpStatus, StatusCode expected)
    {
        using var channel = server.Channel();

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            channel.Unary("Respond", RawGrpcServer.Options(out _, Headers((RespondHeaders.HttpStatus, $"{httpStatus}")))).ResponseAsync);

        Assert.Equal(expected, error.StatusCode);
        Assert.Contains($"{httpStatus}", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_grpc_status_in_the_headers_wins_over_the_HTTP_status()
    {
        using var channel = server.Channel();
        var headers = Headers((RespondHeaders.HttpStatus, "503"), (RespondHeaders.HeaderStatus, "5"), (RespondHeaders.GrpcMessage, "gone"));

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.Unary("Respond", RawGrpcServer.Options(out _, headers)).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("gone", error.Status.Detail);
    }

    [Fact]
    public async Task A_response_that_is_not_gRPC_gives_UNKNOWN()
    {
        using var channel = server.Channel();

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            channel.Unary("Respond", RawGrpcServer.Options(out _, Headers((RespondHeaders.ContentType, "text/html")))).ResponseAsync);

        Assert.Equal(StatusCode.Unknown, error.StatusCode);
        Assert.Contains("text/html", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_trailers_only_response_gives_its_status_message_and_metadata()
    {
        using var channel = server.Channel();
        var headers = Headers((RespondHeaders.HeaderStatus, "7"), (RespondHeaders.GrpcMessage, "not%20yours"));
        using var call = channel.Unary("Respond", RawGrpcServer.Options(out _, headers));

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal("not yours", error.Status.Detail);
        Assert.Equal("in-headers", error.Trailers.GetValue("x-detail"));
        Assert.Equal(StatusCode.PermissionDenied, call.GetStatus().StatusCode);
        Assert.Equal("in-headers", (await call.ResponseHeadersAsync).GetValue("x-detail"));
    }

    [Fact]
    public async Task A_trailers_only_OK_ends_a_server_stream_without_messages()
    {
        using var channel = server.Channel();
        using var call = channel.ServerStreaming("Respond", RawGrpcServer.Options(out _, Headers((RespondHeaders.HeaderStatus, "0"))));

        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task A_response_missing_grpc_status_gives_INTERNAL()
    {
        using var channel = server.Channel();

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            channel.Unary("Respond", RawGrpcServer.Options(out _, Headers((RespondHeaders.Status, "omit")))).ResponseAsync);

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Contains("grpc-status", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unparsable_grpc_status_gives_UNKNOWN()
    {
        using var channel = server.Channel();

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            channel.Unary("Respond", RawGrpcServer.Options(out _, Headers((RespondHeaders.Status, "abc")))).ResponseAsync);

        Assert.Equal(StatusCode.Unknown, error.StatusCode);
    }

    [Fact]
    public async Task The_grpc_message_is_percent_decoded_as_UTF8()
    {
        using var channel = server.Channel();
        var headers = Headers((RespondHeaders.Status, "9"), (RespondHeaders.GrpcMessage, "caf%C3%A9%20%E2%98%BA%0Aat%2050%25 100%"));

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.Unary("Respond", RawGrpcServer.Options(out _, headers)).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("café ☺\nat 50% 100%", error.Status.Detail);
    }

    [Fact]
    public async Task A_binary_trailer_without_base64_padding_is_decoded()
    {
        using var channel = server.Channel();
        using var call = channel.Unary("Respond", RawGrpcServer.Options(out _, Headers((RespondHeaders.TrailerBin, "q6ur7w"))));

        await call.ResponseAsync;

        Assert.Equal(new byte[] { 0xab, 0xab, 0xab, 0xef }, call.GetTrailers().GetValueBytes("x-detail-bin"));
    }

    [Fact]
    public async Task An_OK_unary_call_has_its_response_status_and_trailers()
    {
        using var channel = server.Channel();
        using var call = channel.Unary("Respond", RawGrpcServer.Options(out _), [1, 2, 3]);

        Assert.Equal(new byte[] { 1, 2, 3 }, await call.ResponseAsync);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
        Assert.Empty(call.GetTrailers());
    }
}
