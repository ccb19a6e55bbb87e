using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace ControlPlane.Grpc.Server.Internal;

/// <summary>
/// Converts between HTTP/2 header fields and <see cref="Metadata"/>: <c>-bin</c> values are base64 (sent without
/// padding, accepted with or without), and headers that belong to the transport are not metadata.
/// </summary>
internal static class MetadataHeaders
{
    private static readonly HashSet<string> TransportHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "content-type", "content-length", "te", "host", "connection", "keep-alive", "transfer-encoding", "upgrade",
        "proxy-connection", "accept-encoding", GrpcProtocol.TimeoutHeader, GrpcProtocol.EncodingHeader,
        GrpcProtocol.AcceptEncodingHeader,
    };

    /// <summary>The request's custom metadata, plus user-agent (grpc-dotnet keeps it too).</summary>
    public static Metadata FromRequestHeaders(IHeaderDictionary headers)
    {
        var metadata = new Metadata();
        foreach (var (name, values) in headers)
        {
            if (name.StartsWith(':') || TransportHeaders.Contains(name) || !IsValidKey(name))
            {
                continue;
            }

            var binary = name.EndsWith(Metadata.BinaryHeaderSuffix, StringComparison.OrdinalIgnoreCase);
            foreach (var value in values)
            {
                if (value is null)
                {
                    continue;
                }

                if (!binary)
                {
                    metadata.Add(name, value);
                    continue;
                }

                // Several binary values may arrive in one field, comma-separated.
                foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    if (TryDecodeBinary(part, out var bytes))
                    {
                        metadata.Add(name, bytes);
                    }
                }
            }
        }

        return metadata;
    }

    /// <summary>Appends every entry as a header field; binary values as unpadded base64, as the spec asks senders to.</summary>
    public static void AppendTo(IHeaderDictionary target, Metadata metadata)
    {
        foreach (var entry in metadata)
        {
            var value = entry.IsBinary ? EncodeBinary(entry.ValueBytes) : entry.Value;
            target.Append(entry.Key, new StringValues(value));
        }
    }

    public static string EncodeBinary(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    public static bool TryDecodeBinary(string value, out byte[] bytes)
    {
        var padding = (4 - (value.Length % 4)) % 4;
        var padded = padding == 0 ? value : value + new string('=', padding);
        bytes = new byte[padded.Length / 4 * 3];
        if (Convert.TryFromBase64String(padded, bytes, out var written))
        {
            Array.Resize(ref bytes, written);
            return true;
        }

        bytes = [];
        return false;
    }

    private static bool IsValidKey(string name)
    {
        foreach (var c in name)
        {
            var valid = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_' or '.';
            if (!valid)
            {
                return false;
            }
        }

        return name.Length > 0;
    }
}
