using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace ControlPlane.Server.Hosting;

/// <summary>
/// The Kestrel listeners by purpose. Kestrel writes the bound port into each <see cref="ListenOptions"/> once it
/// listens, so port 0 reads back as the port actually taken; the shared address list could not tell gRPC from HTTP.
/// </summary>
public sealed class BoundListeners
{
    private readonly List<(ListenOptions Options, bool Tls)> _grpc = [];
    private readonly List<(ListenOptions Options, bool Tls)> _http = [];

    /// <summary>Addresses of the gRPC listeners, e.g. <c>http://127.0.0.1:7700</c>; valid once the server started.</summary>
    public IReadOnlyList<string> GrpcAddresses => [.. _grpc.Select(l => Format(l.Options, l.Tls))];

    /// <summary>Addresses of the plain HTTP listeners (webhooks, metrics); valid once the server started.</summary>
    public IReadOnlyList<string> HttpAddresses => [.. _http.Select(l => Format(l.Options, l.Tls))];

    internal void AddGrpc(ListenOptions options, bool tls) => _grpc.Add((options, tls));

    internal void AddHttp(ListenOptions options, bool tls) => _http.Add((options, tls));

    private static string Format(ListenOptions options, bool tls)
    {
        var scheme = tls ? "https" : "http";
        return options.IPEndPoint is { } endpoint
            ? $"{scheme}://{(endpoint.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{endpoint.Address}]" : endpoint.Address.ToString())}:{endpoint.Port}"
            : $"{scheme}://{options}";
    }
}
