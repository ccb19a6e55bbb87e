using System.Net;
using System.Net.Http.Headers;

namespace ControlPlane.Grpc.Server.Tests.Wire;

/// <summary>Everything that came back for one request: HTTP status, headers, the response messages and trailers.</summary>
internal sealed record WireResponse(
    HttpStatusCode HttpStatus,
    HttpResponseHeaders Headers,
    string? ContentType,
    IReadOnlyList<byte[]> Messages,
    HttpResponseHeaders Trailers)
{
    /// <summary>A trailers-only response carries grpc-status in its only HEADERS frame.</summary>
    public bool IsTrailersOnly => Headers.Contains("grpc-status");

    public int? GrpcStatus => (Trailer("grpc-status") ?? Header("grpc-status")) is { } value ? int.Parse(value) : null;

    /// <summary>grpc-message decoded with the BCL's percent-decoding, not the server's.</summary>
    public string? GrpcMessage => (Trailer("grpc-message") ?? Header("grpc-message")) is { } value ? Uri.UnescapeDataString(value) : null;

    public string? Header(string name) => Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    public string? Trailer(string name) => Trailers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    public override string ToString() =>
        $"HTTP {(int)HttpStatus}, content-type {ContentType}, {Messages.Count} messages\nheaders:\n{Headers}\ntrailers:\n{Trailers}";
}
