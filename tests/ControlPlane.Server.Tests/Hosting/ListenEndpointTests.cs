using System.Net;
using ControlPlane.Server.Hosting;

namespace ControlPlane.Server.Tests.Hosting;

public class ListenEndpointTests
{
    [Theory]
    [InlineData("http://127.0.0.1:7700", false, "127.0.0.1", 7700)]
    [InlineData("https://0.0.0.0:8443", true, "0.0.0.0", 8443)]
    [InlineData("http://[::1]:0", false, "::1", 0)]
    [InlineData("http://*:9000", false, "0.0.0.0", 9000)]
    public void Valid_addresses_parse_into_scheme_interface_and_port(string text, bool tls, string address, int port)
    {
        Assert.True(ListenEndpoint.TryParse(text, out var endpoint, out _));
        Assert.Equal(tls, endpoint!.UseTls);
        Assert.Equal(IPAddress.Parse(address), endpoint.Address);
        Assert.Equal(port, endpoint.Port);
    }

    [Fact]
    public void Localhost_listens_on_every_loopback_address()
    {
        Assert.True(ListenEndpoint.TryParse("http://localhost:7700", out var endpoint, out _));
        Assert.Null(endpoint!.Address);
    }

    [Theory]
    [InlineData("127.0.0.1:7700", "is not an http:// or https:// address")]
    [InlineData("ftp://127.0.0.1:21", "is not an http:// or https:// address")]
    [InlineData("http://127.0.0.1", "has no port")]
    [InlineData("http://127.0.0.1:7700/api", "must not have a path")]
    [InlineData("http://example.com:80", "must be an IP address, localhost or *")]
    public void Invalid_addresses_say_what_is_wrong(string text, string expected)
    {
        Assert.False(ListenEndpoint.TryParse(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Contains(text, error, StringComparison.Ordinal);
    }
}
