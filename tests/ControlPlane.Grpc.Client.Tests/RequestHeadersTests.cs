using System.Globalization;
using System.Text;
using ControlPlane.Grpc.Client.Tests.Fixtures;
using Grpc.Core;
using Grpc.Net.Client;

namespace ControlPlane.Grpc.Client.Tests;

/// <summary>What a call puts on the wire: an HTTP/2 POST to /service/method with the gRPC headers and metadata.</summary>
public sealed class RequestHeadersTests(RawGrpcServer server) : IClassFixture<RawGrpcServer>
{
    [Fact]
    public async Task A_call_is_an_HTTP2_POST_to_service_and_method_with_the_gRPC_headers()
    {
        using var channel = server.Channel();

        var headers = await EchoHeadersAsync(channel, RawGrpcServer.Options(out _));

        Assert.Equal("POST", headers[":method"]);
        Assert.Equal("/raw.Test/EchoHeaders", headers[":path"]);
        Assert.Equal("HTTP/2", headers[":protocol"]);
        Assert.Equal("application/grpc", headers["content-type"]);
        Assert.Equal("trailers", headers["te"]);
        Assert.Equal("identity,gzip", headers["grpc-accept-encoding"]);
        Assert.StartsWith("grpc-dotnet-controlplane/", headers["user-agent"], StringComparison.Ordinal);
        Assert.False(headers.ContainsKey("content-length"));
    }

    [Fact]
    public async Task The_deadline_travels_as_grpc_timeout()
    {
        using var channel = server.Channel();

        var headers = await EchoHeadersAsync(channel, RawGrpcServer.Options(out _, deadline: DateTime.UtcNow.AddSeconds(10)));

        var timeout = headers["grpc-timeout"];
        Assert.Matches("^[0-9]{1,8}[HMSmun]$", timeout);
        Assert.InRange(ParseTimeout(timeout), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_call_without_a_deadline_sends_no_grpc_timeout()
    {
        using var channel = server.Channel();

        var headers = await EchoHeadersAsync(channel, new CallOptions());

        Assert.False(headers.ContainsKey("grpc-timeout"));
    }

    [Fact]
    public async Task Metadata_travels_as_headers_with_binary_values_in_unpadded_base64()
    {
        using var channel = server.Channel();
        var metadata = new Metadata { { "x-plain", "some value" }, { "x-blob-bin", new byte[] { 1, 2, 3, 4 } } };

        var headers = await EchoHeadersAsync(channel, RawGrpcServer.Options(out _, metadata));

        Assert.Equal("some value", headers["x-plain"]);
        Assert.Equal("AQIDBA", headers["x-blob-bin"]);
    }

    [Fact]
    public async Task A_path_in_the_address_prefixes_the_method_path()
    {
        using var channel = GrpcChannel.ForAddress(new Uri(server.Address, "/prefix/"));

        var headers = await EchoHeadersAsync(channel, RawGrpcServer.Options(out _));

        Assert.Equal("/prefix/raw.Test/EchoHeaders", headers[":path"]);
    }

    private static async Task<Dictionary<string, string>> EchoHeadersAsync(GrpcChannel channel, CallOptions options)
    {
        var response = await channel.Unary("EchoHeaders", options);
        return Encoding.UTF8.GetString(response)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(": ", 2))
            .ToDictionary(parts => parts[0], parts => parts[1]);
    }

    private static TimeSpan ParseTimeout(string value)
    {
        var amount = long.Parse(value[..^1], CultureInfo.InvariantCulture);
        return value[^1] switch
        {
            'H' => TimeSpan.FromHours(amount),
            'M' => TimeSpan.FromMinutes(amount),
            'S' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMilliseconds(amount),
            'u' => TimeSpan.FromMicroseconds(amount),
            _ => TimeSpan.FromTicks(amount / 100),
        };
    }
}
