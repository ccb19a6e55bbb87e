namespace ControlPlane.Grpc.Server.Internal;

/// <summary>Names and values of the gRPC over HTTP/2 protocol (grpc/grpc doc/PROTOCOL-HTTP2.md).</summary>
internal static class GrpcProtocol
{
    public const string ContentType = "application/grpc";
    public const string StatusTrailer = "grpc-status";
    public const string MessageTrailer = "grpc-message";
    public const string TimeoutHeader = "grpc-timeout";
    public const string EncodingHeader = "grpc-encoding";
    public const string AcceptEncodingHeader = "grpc-accept-encoding";
    public const string IdentityEncoding = "identity";
    public const string GzipEncoding = "gzip";

    /// <summary>What the server can decompress; responses are always sent uncompressed.</summary>
    public const string SupportedEncodings = "identity,gzip";

    /// <summary>A message is prefixed by a compressed flag (1 byte) and its length (4 bytes, big-endian).</summary>
    public const int MessagePrefixLength = 5;

    private static readonly string[] StatusCodeValues =
        [.. Enumerable.Range(0, 17).Select(code => code.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>
    /// True for <c>application/grpc</c> and its subtypes (<c>application/grpc+proto</c>, parameters after <c>;</c>);
    /// false for anything else, including <c>application/grpc-web</c>, which this server does not speak.
    /// </summary>
    public static bool IsGrpcContentType(string? contentType)
    {
        if (contentType is null || !contentType.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return contentType.Length == ContentType.Length || contentType[ContentType.Length] is '+' or ';';
    }

    /// <summary>The decimal wire form of a status code, without allocating for the defined codes.</summary>
    public static string FormatStatusCode(global::Grpc.Core.StatusCode code)
    {
        var value = (int)code;
        return value >= 0 && value < StatusCodeValues.Length
            ? StatusCodeValues[value]
            : value.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
