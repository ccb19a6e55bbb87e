namespace ControlPlane.Grpc.Client.Tests.Fixtures;

/// <summary>Request headers that tell the raw server's <c>Respond</c> endpoint what to answer.</summary>
public static class RespondHeaders
{
    /// <summary>HTTP status of the response (default 200).</summary>
    public const string HttpStatus = "x-http-status";

    /// <summary>Content-Type of the response (default application/grpc).</summary>
    public const string ContentType = "x-content-type";

    /// <summary>When present, a trailers-only response with this grpc-status in the headers.</summary>
    public const string HeaderStatus = "x-header-status";

    /// <summary>grpc-status in the trailers, sent as is; "omit" sends none. Default 0.</summary>
    public const string Status = "x-status";

    /// <summary>grpc-message (in trailers, or headers when trailers-only), sent as is.</summary>
    public const string GrpcMessage = "x-grpc-message";

    /// <summary>Value of the x-detail-bin trailer, sent as is.</summary>
    public const string TrailerBin = "x-trailer-raw";

    /// <summary>Number of response messages (default 1); each is the request message or the sized payload.</summary>
    public const string MessageCount = "x-message-count";

    /// <summary>Respond with this many zero bytes instead of echoing the request.</summary>
    public const string ResponseSize = "x-response-size";

    /// <summary>Send a prefix announcing this length, 16 bytes, then wait for the client to give up.</summary>
    public const string ClaimedSize = "x-claimed-size";

    /// <summary>grpc-encoding response header.</summary>
    public const string Encoding = "x-encoding";

    /// <summary>Compressed flag of each message; with encoding gzip and flag 1 the payload is gzipped.</summary>
    public const string CompressedFlag = "x-flag";

    /// <summary>When present, the body ends in the middle of a message.</summary>
    public const string Truncate = "x-truncate";
}
