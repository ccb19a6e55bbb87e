using System.Net;
using Grpc.Core;

namespace Grpc.Net.Client.Internal;

/// <summary>
/// A call as one HTTP/2 exchange: sends the request, checks the response headers, reads frames from the body
/// and takes the status from the trailers.
/// </summary>
internal abstract class GrpcHttpCall : GrpcCallBase
{
    private static readonly Status MissingStatus = new(StatusCode.Internal, "No grpc-status found on response.");

    private readonly Lock _lock = new();
    private readonly IMethod _method;
    private HttpRequestMessage? _request;
    private HttpResponseMessage? _response;
    private FrameReader? _reader;
    private bool _released;

    protected GrpcHttpCall(GrpcChannel channel, IMethod method, CallOptions options)
        : base(channel, options)
    {
        _method = method;
    }

    /// <summary>The payload of the last frame read.</summary>
    protected DeserializationContext CurrentPayload => _reader!.Context;

    /// <summary>Sends the request; true when the response is a gRPC response whose body carries the messages.</summary>
    protected async Task<bool> SendAsync(HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Channel.GetRequestUri(_method))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        GrpcRequestHeaders.Add(request.Headers, Options.Headers, TimeoutHeader);
        if (!TryHold(ref _request, request))
        {
            return false;
        }

        HttpResponseMessage response;
        try
        {
            response = await Channel.SendAsync(request, CallToken);
        }
        catch (Exception e)
        {
            TryFinish(TransportFailure.FromSendException(e), null, abort: true);
            return false;
        }

        if (!TryHold(ref _response, response))
        {
            return false;
        }

        if (ResponseHeaderCheck.Check(response, out var trailersOnly) is { } status)
        {
            var metadata = trailersOnly ? MetadataMapping.FromHeaders(response.Headers) : null;
            if (metadata is not null)
            {
                // A trailers-only response's one HEADERS frame is both headers and trailers.
                SetResponseHeaders(metadata);
            }

            TryFinish(status, metadata, abort: !trailersOnly);
            return false;
        }

        SetResponseHeaders(MetadataMapping.FromHeaders(response.Headers));
        return true;
    }

    /// <summary>Reads the next frame of the response body; false at its end. Throws the call's exception on failure.</summary>
    protected async ValueTask<bool> ReadFrameAsync()
    {
        try
        {
            _reader ??= await OpenReaderAsync();
            return await _reader.ReadFrameAsync(CallToken);
        }
        catch (Exception e)
        {
            throw Fail(TransportFailure.FromStreamException(e, "reading the response"));
        }
    }

    /// <summary>Finishes with the status in the trailers, or <paramref name="replaceOk"/> if that status is OK.</summary>
    protected Status FinishAtEndOfBody(Status? replaceOk)
    {
        _reader?.Release();
        var trailers = _response!.TrailingHeaders;
        var status = ResponseStatus.TryRead(trailers) ?? MissingStatus;
        if (status.StatusCode == StatusCode.OK && replaceOk is { } replacement)
        {
            status = replacement;
        }

        TryFinish(status, MetadataMapping.FromHeaders(trailers), abort: status.StatusCode != StatusCode.OK);
        return GetStatus();
    }

    /// <summary>Finishes the call after a local failure on the reading side and returns the exception to throw.</summary>
    protected Exception Fail(Status status)
    {
        // Only the reading side calls this, after its read ended, so the reader's buffer is free.
        _reader?.Release();
        TryFinish(status, null, abort: true);
        return CreateException();
    }

    protected override void ReleaseTransport()
    {
        HttpRequestMessage? request;
        HttpResponseMessage? response;
        lock (_lock)
        {
            _released = true;
            request = _request;
            response = _response;
        }

        // Disposing an unfinished response resets the HTTP/2 stream; disposing the request ends its body.
        response?.Dispose();
        request?.Dispose();
    }

    /// <summary>Keeps a message for release when the call finishes; disposes it at once if it already has.</summary>
    private bool TryHold<T>(ref T? field, T message)
        where T : class, IDisposable
    {
        lock (_lock)
        {
            if (!_released)
            {
                field = message;
                return true;
            }
        }

        message.Dispose();
        return false;
    }

    private async Task<FrameReader> OpenReaderAsync()
    {
        var response = _response!;
        var encoding = response.Headers.NonValidated.TryGetValues(GrpcProtocol.EncodingHeader, out var values) ? values.ToString() : null;
        var stream = await response.Content.ReadAsStreamAsync(CallToken);
        return new FrameReader(stream, Channel.MaxReceiveMessageSize, encoding);
    }
}
