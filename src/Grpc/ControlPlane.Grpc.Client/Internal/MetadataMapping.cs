using System.Net.Http.Headers;
using Grpc.Core;

namespace Grpc.Net.Client.Internal;

/// <summary>Converts between <see cref="Metadata"/> and HTTP/2 headers; <c>-bin</c> values travel as base64.</summary>
internal static class MetadataMapping
{
    public static void AddTo(HttpRequestHeaders headers, Metadata metadata)
    {
        foreach (var entry in metadata)
        {
            // The specification asks senders for unpadded base64; every receiver accepts it.
            var value = entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes).TrimEnd('=') : entry.Value;
            headers.TryAddWithoutValidation(entry.Key, value);
        }
    }

    /// <summary>The application-visible metadata in response headers or trailers: all but transport and gRPC-reserved keys.</summary>
    public static Metadata FromHeaders(HttpHeaders headers)
    {
        var metadata = new Metadata();
        foreach (var (name, values) in headers.NonValidated)
        {
            var key = name.ToLowerInvariant();
            if (IsReserved(key) || !IsValidKey(key))
            {
                continue;
            }

            var binary = key.EndsWith(Metadata.BinaryHeaderSuffix, StringComparison.Ordinal);
            foreach (var value in values)
            {
                if (!binary)
                {
                    metadata.Add(key, value);
                    continue;
                }

                // Several binary values may share one header, comma-separated.
                foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    metadata.Add(key, DecodeBase64(part));
                }
            }
        }

        return metadata;
    }

    private static bool IsReserved(string key) => key is "content-type" or "te" or GrpcProtocol.StatusTrailer
        or GrpcProtocol.MessageTrailer or GrpcProtocol.EncodingHeader or GrpcProtocol.AcceptEncodingHeader;

    private static bool IsValidKey(string key)
    {
        if (key.Length == 0)
        {
            return false;
        }

        foreach (var c in key)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static byte[] DecodeBase64(string value)
    {
        // Peers may omit the padding.
        var padding = (4 - (value.Length % 4)) % 4;
        var padded = padding == 0 ? value : value + new string('=', padding);
        try
        {
            return Convert.FromBase64String(padded);
        }
        catch (FormatException)
        {
            // A malformed value must not fail the call; the application sees the raw text as bytes.
            return System.Text.Encoding.ASCII.GetBytes(value);
        }
    }
}
