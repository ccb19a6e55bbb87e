using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Grpc.Core;

namespace ControlPlane.Server.Auth;

/// <summary>
/// The key a client is counted under for throttling: the connection's remote address (never a forwarded header, which
/// the client writes), an IPv4-mapped IPv6 address as IPv4, and an IPv6 address by its /64 prefix, since one host
/// usually holds a whole /64 and could otherwise change address per attempt.
/// </summary>
public static class ClientAddress
{
    /// <summary>The key of a connection without an IP address (e.g. a Unix socket).</summary>
    public const string Unknown = "unknown";

    /// <summary>The remote address of a gRPC call's connection.</summary>
    public static IPAddress? Of(ServerCallContext context) => context.GetHttpContext().Connection.RemoteIpAddress;

    public static string KeyOf(IPAddress? address)
    {
        if (address is null)
        {
            return Unknown;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6 || IPAddress.IsLoopback(address))
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return string.Create(CultureInfo.InvariantCulture, $"{new IPAddress(bytes)}/64");
    }
}
