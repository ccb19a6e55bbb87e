using System.IO.Pipelines;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ControlPlane.Grpc.Server.Internal;

/// <summary>
/// One gRPC call on one HTTP/2 stream: what the handler sees as its <see cref="ServerCallContext"/>, and the single
/// owner of the response. Every response write (headers, messages, the final status) takes one lock and checks
/// whether the call has ended, so a deadline can end the call while the handler is still running without the
/// response being written twice or after its end.
/// </summary>
internal sealed class HttpServerCallContext : ServerCallContext, IDisposable
{
    private readonly GrpcServerRuntime _runtime;
    private readonly SemaphoreSlim _responseLock = new(1, 1);
    private readonly ResponseMessageWriter _messageWriter;
    private CallDeadline? _deadline;
    private Metadata? _requestHeaders;
    private Metadata? _responseTrailers;
    private string? _peer;
    private bool _responseStarted;
    private bool _ended;

    public HttpServerCallContext(HttpContext httpContext, string method, GrpcServerRuntime runtime)
    {
        HttpContext = httpContext;
        MethodName = method;
        _runtime = runtime;
        _messageWriter = new ResponseMessageWriter(runtime.Options.MaxSendMessageSize);
    }

    public HttpContext HttpContext { get; }

    public string MethodName { get; }

    public GrpcServerRuntime Runtime => _runtime;

    /// <summary>True when request messages flagged as compressed are gzip.</summary>
    public bool RequestIsGzip { get; private set; }

    public CallDeadline? CallDeadline => _deadline;

    protected override string MethodCore => MethodName;

    protected override string HostCore => HttpContext.Request.Host.Value ?? "";

    protected override string PeerCore => _peer ??= FormatPeer(HttpContext.Connection);

    protected override DateTime DeadlineCore => _deadline?.Deadline ?? DateTime.MaxValue;

    protected override Metadata RequestHeadersCore => _requestHeaders ??= MetadataHeaders.FromRequestHeaders(HttpContext.Request.Headers);

    protected override CancellationToken CancellationTokenCore => _deadline?.Token ?? HttpContext.RequestAborted;

    protected override Metadata ResponseTrailersCore => _responseTrailers ??= [];

    protected override Status StatusCore { get; set; } = Status.DefaultSuccess;

    protected override WriteOptions? WriteOptionsCore { get; set; }

    /// <summary>
    /// Reads the call's headers: the message encoding and the deadline. Returns the status to end the call with
    /// at once (an unsupported encoding), or null to run the handler.
    /// </summary>
    public Status? Start()
    {
        var request = HttpContext.Request;
        var response = HttpContext.Response;
        response.ContentType = GrpcProtocol.ContentType;
        response.Headers[GrpcProtocol.AcceptEncodingHeader] = GrpcProtocol.SupportedEncodings;

        var encoding = request.Headers[GrpcProtocol.EncodingHeader].ToString();
        if (encoding.Equals(GrpcProtocol.GzipEncoding, StringComparison.OrdinalIgnoreCase))
        {
            RequestIsGzip = true;
        }
        else if (encoding.Length > 0 && !encoding.Equals(GrpcProtocol.IdentityEncoding, StringComparison.OrdinalIgnoreCase))
        {
            GrpcServerLog.UnsupportedEncoding(_runtime.Logger, MethodName, encoding);
            return new Status(StatusCode.Unimplemented, $"Unsupported grpc-encoding '{encoding}'. Supported encodings: {GrpcProtocol.SupportedEncodings}.");
        }

        var timeout = request.Headers[GrpcProtocol.TimeoutHeader].ToString();
        if (timeout.Length > 0)
        {
            if (GrpcTimeoutHeader.TryParse(timeout, out var span))
            {
                _deadline = new CallDeadline(span, _runtime.TimeProvider, HttpContext.RequestAborted);
            }
            else
            {
                GrpcServerLog.InvalidTimeout(_runtime.Logger, MethodName, timeout);
            }
        }

        return null;
    }

    /// <summary>Frames one response message and, unless <paramref name="flush"/> is false, sends it now.</summary>
    public async Task WriteMessageAsync<T>(T message, Action<T, SerializationContext> serializer, bool flush, CancellationToken cancellationToken)
    {
        await _responseLock.WaitAsync(cancellationToken);
        try
        {
            if (_ended)
            {
                throw new InvalidOperationException("Can't write the message because the call has ended.");
            }

            var output = HttpContext.Response.BodyWriter;
            _messageWriter.Write(message, serializer, output);
            _responseStarted = true;
            if (flush)
            {
                var result = await output.FlushAsync(cancellationToken);
                if (result.IsCanceled)
                {
                    throw new OperationCanceledException("The response flush was cancelled.", cancellationToken);
                }
            }
        }
        finally
        {
            _responseLock.Release();
        }
    }

    protected override async Task WriteResponseHeadersAsyncCore(Metadata responseHeaders)
    {
        await _responseLock.WaitAsync(CancellationTokenCore);
        try
        {
            var response = HttpContext.Response;
            if (_ended || response.HasStarted)
            {
                throw new InvalidOperationException("Response headers can only be sent once per call, before any message.");
            }

            if (responseHeaders is not null)
            {
                MetadataHeaders.AppendTo(response.Headers, responseHeaders);
            }

            _responseStarted = true;
            await response.StartAsync(CancellationTokenCore);
            await response.BodyWriter.FlushAsync(CancellationTokenCore);
        }
        finally
        {
            _responseLock.Release();
        }
    }

    /// <summary>
    /// Ends the call with <paramref name="status"/> once; later calls do nothing. Before any header or message has
    /// been sent the status goes out as a trailers-only response. <paramref name="completeNow"/> sends the end of the
    /// response at once instead of when the request delegate returns (used when the handler is still running).
    /// </summary>
    public async Task EndAsync(Status status, bool completeNow)
    {
        await _responseLock.WaitAsync(CancellationToken.None);
        try
        {
            if (_ended)
            {
                return;
            }

            _ended = true;
            var response = HttpContext.Response;
            var target = _responseStarted || response.HasStarted
                ? HttpContext.Features.Get<IHttpResponseTrailersFeature>()?.Trailers
                : response.Headers;
            if (target is not null && !HttpContext.RequestAborted.IsCancellationRequested)
            {
                target[GrpcProtocol.StatusTrailer] = GrpcProtocol.FormatStatusCode(status.StatusCode);
                if (!string.IsNullOrEmpty(status.Detail))
                {
                    target[GrpcProtocol.MessageTrailer] = GrpcMessageEncoding.Encode(status.Detail);
                }

                if (_responseTrailers is { Count: > 0 })
                {
                    MetadataHeaders.AppendTo(target, _responseTrailers);
                }
            }

            if (completeNow && !HttpContext.RequestAborted.IsCancellationRequested)
            {
                await response.CompleteAsync();
            }
        }
        finally
        {
            _responseLock.Release();
        }
    }

    /// <summary>Adds an exception's trailers to the response trailers (an RpcException carries its own).</summary>
    public void AddResponseTrailers(Metadata trailers)
    {
        foreach (var entry in trailers)
        {
            ResponseTrailersCore.Add(entry);
        }
    }

    public void Dispose()
    {
        _deadline?.Dispose();
        _responseLock.Dispose();
    }

    private static string FormatPeer(ConnectionInfo connection)
    {
        var address = connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        return address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? $"ipv6:[{address}]:{connection.RemotePort}"
            : $"ipv4:{address}:{connection.RemotePort}";
    }
}
