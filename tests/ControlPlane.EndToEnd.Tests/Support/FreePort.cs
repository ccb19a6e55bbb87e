using System.Net;
using System.Net.Sockets;

namespace ControlPlane.EndToEnd.Tests.Support;

/// <summary>
/// A loopback port free at this moment. Restart scenarios need the server back on the same address the agents know,
/// so it cannot listen on port 0; the window between closing this probe and the server binding is tiny.
/// </summary>
internal static class FreePort
{
    public static int Find()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
