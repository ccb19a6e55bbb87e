using System.Net;
using ControlPlane.Server.Auth;

namespace ControlPlane.Server.Tests.Auth;

/// <summary>Which failures count together: one IPv4 address, one IPv6 /64, whatever the client claims in headers.</summary>
public sealed class ClientAddressTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("::1", "::1")]
    [InlineData("127.0.0.1", "127.0.0.1")]
    public void Addresses_are_keyed_by_host_for_ipv4_and_by_64_bit_prefix_for_ipv6(string address, string expected)
    {
        Assert.Equal(expected, ClientAddress.KeyOf(IPAddress.Parse(address)));
    }

    [Fact]
    public void An_unknown_address_is_one_key()
    {
        Assert.Equal(ClientAddress.Unknown, ClientAddress.KeyOf(null));
    }
}
