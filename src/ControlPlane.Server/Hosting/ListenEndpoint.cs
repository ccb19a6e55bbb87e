using System.Net;

namespace ControlPlane.Server.Hosting;

/// <summary>One parsed listen address: scheme, interface and port.</summary>
public sealed record ListenEndpoint(bool UseTls, string Host, IPAddress? Address, int Port)
{
    /// <summary>True when only this machine can connect: a loopback address or <c>localhost</c>.</summary>
    public bool IsLoopback => Address is null || IPAddress.IsLoopback(Address);

    /// <summary>Parses <c>http://HOST:PORT</c> or <c>https://HOST:PORT</c>; HOST is an IP, <c>localhost</c>, <c>*</c> or <c>0.0.0.0</c>.</summary>
    public static bool TryParse(string text, out ListenEndpoint? endpoint, out string? error)
    {
        endpoint = null;

        // Uri rejects the wildcard hosts that Kestrel and other servers accept; they mean every interface.
        var normalized = text.Replace("://*:", "://0.0.0.0:", StringComparison.Ordinal).Replace("://+:", "://0.0.0.0:", StringComparison.Ordinal);
        if (!Uri.TryCreate(normalized, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            error = $"'{text}' is not an http:// or https:// address";
            return false;
        }

        if (uri.AbsolutePath != "/" || !string.IsNullOrEmpty(uri.Query))
        {
            error = $"'{text}' must not have a path or query; use http://HOST:PORT";
            return false;
        }

        if (!HasExplicitPort(text))
        {
            error = $"'{text}' has no port; use http://HOST:PORT (port 0 picks a free one)";
            return false;
        }

        var host = uri.Host.Trim('[', ']');
        IPAddress? address = host switch
        {
            "0.0.0.0" => IPAddress.Any,
            "localhost" => null,
            _ when IPAddress.TryParse(host, out var parsed) => parsed,
            _ => IPAddress.None,
        };
        if (IPAddress.None.Equals(address))
        {
            error = $"'{text}': host '{host}' must be an IP address, localhost or *";
            return false;
        }

        error = null;
        endpoint = new ListenEndpoint(uri.Scheme == Uri.UriSchemeHttps, host, address, uri.Port);
        return true;
    }

    // Uri fills in 80/443 when the port is missing; a control plane should never listen there by accident.
    private static bool HasExplicitPort(string text)
    {
        var authority = text[(text.IndexOf("://", StringComparison.Ordinal) + 3)..].TrimEnd('/');
        var lastColon = authority.LastIndexOf(':');
        return lastColon > authority.LastIndexOf(']') && lastColon < authority.Length - 1;
    }
}
