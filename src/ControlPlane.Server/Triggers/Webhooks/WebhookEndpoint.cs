using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace ControlPlane.Server.Triggers.Webhooks;

/// <summary>
/// <c>POST /hooks/{workflow}</c>: reads the body up to <see cref="WebhookOptions.MaxBodyBytes"/> (413 beyond), hands the
/// delivery to <see cref="WebhookReceiver"/> and writes its answer as JSON. Served on every listener (HTTP/1.1 on
/// <c>--http-listen</c>, HTTP/2 on the gRPC port).
/// </summary>
public static class WebhookEndpoint
{
    public const string Route = "/hooks/{workflow}";

    public static async Task<IResult> HandleAsync(string workflow, HttpContext context, WebhookReceiver receiver, IOptions<WebhookOptions> options)
    {
        var limit = options.Value.MaxBodyBytes;
        var body = await ReadBoundedAsync(context, limit, context.RequestAborted);
        if (body is null)
        {
            return Results.Json(WebhookResponse.Error(413, $"the body is larger than the limit of {limit} bytes (Webhooks:MaxBodyBytes)").Body, statusCode: 413);
        }

        var headers = context.Request.Headers;
        var delivery = new WebhookDelivery(
            workflow,
            body,
            Header(headers, "X-Hub-Signature-256"),
            Header(headers, "Authorization"),
            Header(headers, "X-Delivery-Id") ?? Header(headers, "X-GitHub-Delivery"),
            context.Connection.RemoteIpAddress);
        var response = await receiver.ReceiveAsync(delivery, context.RequestAborted);
        if (response.RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return Results.Json(response.Body, statusCode: response.StatusCode);
    }

    /// <returns>The body, or null when it is larger than <paramref name="limit"/>.</returns>
    private static async Task<byte[]?> ReadBoundedAsync(HttpContext context, long limit, CancellationToken cancellationToken)
    {
        if (context.Request.ContentLength > limit)
        {
            return null;
        }

        // Kestrel's own cap (30 MB) would answer first with a reset connection; ours is the one that applies.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } cap)
        {
            cap.MaxRequestBodySize = null;
        }

        var buffer = new ArrayBufferWriter<byte>();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.WrittenCount + read > limit)
            {
                return null;
            }

            buffer.Write(chunk.AsSpan(0, read));
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static string? Header(IHeaderDictionary headers, string name) =>
        headers.TryGetValue(name, out var values) && values.Count > 0 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;
}
