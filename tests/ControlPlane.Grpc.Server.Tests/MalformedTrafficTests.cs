using System.Net;
using System.Text;
using ControlPlane.Grpc.Server.Tests.Wire;
using Grpc.Testing;

namespace ControlPlane.Grpc.Server.Tests;

/// <summary>Traffic that is not a well-formed gRPC call gets an error, never a crash, and the server keeps serving.</summary>
public sealed class MalformedTrafficTests(TestServiceServerFixture fixture) : IClassFixture<TestServiceServerFixture>
{
    [Fact]
    public async Task Garbage_bytes_close_that_connection_and_the_server_keeps_serving_others()
    {
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        await using (var connection = await RawHttp2Connection.ConnectAsync(fixture.Server.HttpAddress, timeout.Token))
        {
            await connection.SendBytesAsync([.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919))], timeout.Token);
            var frames = await connection.ReadUntilClosedAsync(timeout.Token);
            Assert.DoesNotContain(frames, frame => frame.Type is Http2Frame.Headers or Http2Frame.Data);
        }

        await TestServers.AssertStillServesAsync(fixture.Server, timeout.Token);
    }

    [Fact]
    public async Task A_message_cut_short_by_the_end_of_the_stream_fails_with_INTERNAL_and_the_server_keeps_serving()
    {
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        byte[] body = [.. GrpcFrames.Prefix(compressedFlag: false, declaredLength: 100), .. new byte[10]];

        var response = await WireRequests.SendAsync(fixture.Server.HttpAddress, TestServicePaths.UnaryCall, body, cancellationToken: timeout.Token);

        TestServers.AssertStatus(13, response, fixture.Server);
        await TestServers.AssertStillServesAsync(fixture.Server, timeout.Token);
    }

    [Fact]
    public async Task A_payload_that_is_not_the_request_message_fails_with_INTERNAL()
    {
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        var response = await WireRequests.SendAsync(
            fixture.Server.HttpAddress, TestServicePaths.UnaryCall, GrpcFrames.Message([0xff, 0xff, 0xff, 0xff]), cancellationToken: timeout.Token);

        TestServers.AssertStatus(13, response, fixture.Server);
    }

    [Fact]
    public async Task A_unary_request_with_two_messages_fails_with_INTERNAL()
    {
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        var message = GrpcFrames.Message(new SimpleRequest());
        var response = await WireRequests.SendAsync(
            fixture.Server.HttpAddress, TestServicePaths.UnaryCall, [.. message, .. message], cancellationToken: timeout.Token);

        TestServers.AssertStatus(13, response, fixture.Server);
    }

    [Fact]
    public async Task An_HTTP_1_1_request_gets_426_upgrade_required()
    {
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        using var invoker = WireRequests.CreateInvoker();
        using var request = WireRequests.Create(
            fixture.Server.HttpsAddress!, TestServicePaths.EmptyCall, WireRequests.Body(GrpcFrames.Message(new Empty())), version: HttpVersion.Version11);

        using var response = await invoker.SendAsync(request, timeout.Token);

        Assert.Equal(HttpStatusCode.UpgradeRequired, response.StatusCode);
        Assert.Equal(HttpVersion.Version11, response.Version);
    }

    [Fact]
    public async Task An_HTTP_1_1_request_on_the_HTTP_2_only_endpoint_is_refused_and_the_server_keeps_serving()
    {
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        await using (var connection = await RawHttp2Connection.ConnectAsync(fixture.Server.HttpAddress, timeout.Token))
        {
            var request = "POST /grpc.testing.TestService/EmptyCall HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
                "Content-Type: application/grpc\r\nContent-Length: 5\r\n\r\n\0\0\0\0\0";
            await connection.SendBytesAsync(Encoding.ASCII.GetBytes(request), timeout.Token);
            var frames = await connection.ReadUntilClosedAsync(timeout.Token);
            Assert.DoesNotContain(frames, frame => frame.Type is Http2Frame.Headers or Http2Frame.Data);
        }

        await TestServers.AssertStillServesAsync(fixture.Server, timeout.Token);
    }

    [Fact]
    public async Task A_non_gRPC_content_type_gets_415()
    {
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        using var invoker = WireRequests.CreateInvoker();
        using var request = WireRequests.Create(
            fixture.Server.HttpAddress, TestServicePaths.EmptyCall, WireRequests.Body("{}"u8.ToArray(), "application/json"));

        var response = await WireRequests.SendAsync(invoker, request, timeout.Token);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.HttpStatus);
    }

    [Theory]
    [InlineData("/grpc.testing.TestService/NoSuchMethod")]
    [InlineData("/no.such.Service/Method")]
    [InlineData(TestServicePaths.UnimplementedCall)]
    public async Task An_unknown_service_or_method_is_UNIMPLEMENTED_in_a_trailers_only_response(string path)
    {
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        var response = await WireRequests.SendAsync(fixture.Server.HttpAddress, path, GrpcFrames.Message(new Empty()), cancellationToken: timeout.Token);

        Assert.Equal(HttpStatusCode.OK, response.HttpStatus);
        Assert.Equal("application/grpc", response.ContentType);
        Assert.True(response.IsTrailersOnly, response.ToString());
        Assert.Empty(response.Messages);
        TestServers.AssertStatus(12, response, fixture.Server);
    }

    [Fact]
    public async Task A_non_gRPC_request_to_an_unknown_path_is_left_to_the_application()
    {
        using var timeout = new CancellationTokenSource(TestServers.Timeout);
        using var invoker = WireRequests.CreateInvoker();
        using var request = WireRequests.Create(
            fixture.Server.HttpAddress, "/no.such.Service/Method", WireRequests.Body("{}"u8.ToArray(), "application/json"));

        var response = await WireRequests.SendAsync(invoker, request, timeout.Token);

        Assert.Equal(HttpStatusCode.NotFound, response.HttpStatus);
    }
}
