using System.Net.Http;
using System.Net.Sockets;

namespace ControlPlane.Docker.Transport;

/// <summary>Opens HttpClient's connections on a unix domain socket instead of TCP; the URI's host is ignored.</summary>
internal static class UnixSocketConnector
{
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> For(string socketPath)
    {
        var endPoint = new UnixDomainSocketEndPoint(socketPath);
        return async (_, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(endPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };
    }
}
