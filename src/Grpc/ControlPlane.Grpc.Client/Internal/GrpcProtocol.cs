namespace Grpc.Net.Client.Internal;

/// <summary>Names and values from the gRPC over HTTP/2 specification (PROTOCOL-HTTP2.md).</summary>
internal static class GrpcProtocol
{
    public const string ContentType = "application/grpc";
    public const string StatusTrailer = "grpc-status";
    public const string MessageTrailer = "grpc-message";
    public const string TimeoutHeader = "grpc-timeout";
    public const string EncodingHeader = "grpc-encoding";
    public const string AcceptEncodingHeader = "grpc-accept-encoding";
    public const string AcceptEncodingValue = "identity,gzip";
    public const string IdentityEncoding = "identity";
    public const string GzipEncoding = "gzip";
    public const int FrameHeaderLength = 5;

    public static readonly string UserAgent = "grpc-dotnet-controlplane/" +
        (typeof(GrpcProtocol).Assembly.GetName().Version?.ToString(3) ?? "1.0.0");

    /// <summary>True for <c>application/grpc</c> and its <c>+proto</c>-style and parameterised variants.</summary>
    public static bool IsGrpcContentType(string? contentType)
    {
        if (contentType is null || !contentType.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return contentType.Length == ContentType.Length || contentType[ContentType.Length] is '+' or ';';
    }
}
