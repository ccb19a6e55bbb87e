using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;

namespace ControlPlane.Grpc.Server.Internal;

/// <summary>
/// The request delegate of one gRPC method: checks that the request is gRPC, runs the call, and ends it with a
/// status however the handler finishes. Subclasses supply the shape of the call (unary, streaming).
/// </summary>
internal abstract class ServerCallHandler(string method, GrpcServerRuntime runtime)
{
    public string Method { get; } = method;

    protected GrpcServerRuntime Runtime { get; } = runtime;

    public async Task HandleCallAsync(HttpContext httpContext)
    {
        if (!await AcceptRequestAsync(httpContext))
        {
            return;
        }

        using var call = new HttpServerCallContext(httpContext, GetMethodName(httpContext), Runtime);
        if (call.Start() is { } refusal)
        {
            await call.EndAsync(refusal, completeNow: false);
            return;
        }

        if (call.CallDeadline is { IsExpired: true })
        {
            await EndWithDeadlineExceededAsync(call);
            return;
        }

        var handler = HandleCoreAsync(call);
        if (call.CallDeadline is { } deadline && !handler.IsCompleted)
        {
            await Task.WhenAny(handler, deadline.Reached);
            if (!handler.IsCompleted)
            {
                // The handler is late, perhaps ignoring its token: answer now, then wait for it so that nothing it
                // still does touches an HttpContext that Kestrel has already recycled.
                await EndWithDeadlineExceededAsync(call);
                await ObserveLateHandlerAsync(call, handler);
                return;
            }
        }

        Status status;
        try
        {
            await handler;
            status = call.Status;
        }
        catch (Exception ex)
        {
            status = StatusFromException(call, ex);
        }

        await call.EndAsync(status, completeNow: false);
    }

    /// <summary>The method as the call context reports it: <c>/package.Service/Method</c>.</summary>
    protected virtual string GetMethodName(HttpContext httpContext) => Method;

    /// <summary>Reads the request, runs the handler (through interceptors) and writes its response messages.</summary>
    protected abstract Task HandleCoreAsync(HttpServerCallContext call);

    private async Task<bool> AcceptRequestAsync(HttpContext httpContext)
    {
        var request = httpContext.Request;
        var response = httpContext.Response;
        if (!GrpcProtocol.IsGrpcContentType(request.ContentType))
        {
            GrpcServerLog.UnsupportedContentType(Runtime.Logger, Method, request.ContentType);
            response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            await response.WriteAsync($"Content-Type '{request.ContentType}' is not supported; gRPC requests use '{GrpcProtocol.ContentType}'.", httpContext.RequestAborted);
            return false;
        }

        if (!HttpProtocol.IsHttp2(request.Protocol) && !HttpProtocol.IsHttp3(request.Protocol))
        {
            GrpcServerLog.UnsupportedProtocol(Runtime.Logger, Method, request.Protocol);
            response.StatusCode = StatusCodes.Status426UpgradeRequired;
            response.Headers.Upgrade = "HTTP/2";
            await response.WriteAsync($"Request protocol '{request.Protocol}' is not supported; gRPC needs HTTP/2.", httpContext.RequestAborted);
            return false;
        }

        // Kestrel's defaults are meant for ordinary requests: a minimum body data rate would abort an idle stream
        // (and reset its connection), and a body size cap would end a long-lived stream.
        if (httpContext.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } minDataRate)
        {
            minDataRate.MinDataRate = null;
        }

        if (httpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } maxBodySize)
        {
            maxBodySize.MaxRequestBodySize = null;
        }

        return true;
    }

    private Task EndWithDeadlineExceededAsync(HttpServerCallContext call)
    {
        GrpcServerLog.DeadlineExceeded(Runtime.Logger, Method);
        return call.EndAsync(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"), completeNow: true);
    }

    private async Task ObserveLateHandlerAsync(HttpServerCallContext call, Task handler)
    {
        try
        {
            await handler;
            GrpcServerLog.HandlerFinishedAfterDeadline(Runtime.Logger, call.MethodName, null);
        }
        catch (OperationCanceledException)
        {
            // The expected end of a handler that honours its token.
            GrpcServerLog.HandlerFinishedAfterDeadline(Runtime.Logger, call.MethodName, null);
        }
        catch (Exception ex)
        {
            GrpcServerLog.HandlerFinishedAfterDeadline(Runtime.Logger, call.MethodName, ex);
        }
    }

    private Status StatusFromException(HttpServerCallContext call, Exception exception)
    {
        if (exception is RpcException rpc)
        {
            call.AddResponseTrailers(rpc.Trailers);
            GrpcServerLog.RpcError(Runtime.Logger, Method, rpc.StatusCode, rpc.Status.Detail);
            return rpc.Status;
        }

        if (exception is OperationCanceledException or IOException)
        {
            if (call.CallDeadline is { IsExpired: true })
            {
                GrpcServerLog.DeadlineExceeded(Runtime.Logger, Method);
                return new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded");
            }

            if (call.HttpContext.RequestAborted.IsCancellationRequested)
            {
                GrpcServerLog.CancelledByClient(Runtime.Logger, Method);
                return new Status(StatusCode.Cancelled, "Call cancelled by the client.");
            }
        }

        GrpcServerLog.HandlerFailed(Runtime.Logger, Method, exception);
        var detail = Runtime.Options.EnableDetailedErrors == true
            ? $"Exception was thrown by handler. {exception.GetType().Name}: {exception.Message}"
            : "Exception was thrown by handler.";
        return new Status(StatusCode.Unknown, detail, exception);
    }
}
