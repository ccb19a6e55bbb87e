using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace ControlPlane.Server.Notifications;

/// <summary>
/// POSTs notification bodies. Never throws for the endpoint's sake (refused, reset, slow, 5xx all become a
/// <see cref="WebhookResult"/>); only the caller's cancellation ends a call with an exception.
/// </summary>
public sealed class WebhookPoster : IDisposable
{
    /// <summary>The signature header: <c>sha256=</c> and the hex HMAC-SHA256 of the body under the target's secret.</summary>
    public const string SignatureHeader = "X-ControlPlane-Signature-256";

    private readonly HttpClient _client;
    private readonly TimeSpan _timeout;

    public WebhookPoster(TimeSpan timeout)
    {
        _timeout = timeout;
        _client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), ConnectTimeout = timeout })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("ControlPlane-Notifications", "1"));
    }

    /// <summary>The value of <see cref="SignatureHeader"/> for <paramref name="body"/>.</summary>
    public static string Sign(string body, byte[] secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(body)));

    public async Task<WebhookResult> PostAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        using var message = new HttpRequestMessage(HttpMethod.Post, request.Url)
        {
            Content = new StringContent(request.Body, Encoding.UTF8, "application/json"),
        };
        message.Headers.Add("X-ControlPlane-Event", request.Event);
        message.Headers.Add("X-ControlPlane-Delivery", request.DeliveryId.ToString(CultureInfo.InvariantCulture));
        if (request.Secret is { } secret)
        {
            message.Headers.Add(SignatureHeader, Sign(request.Body, secret));
        }

        try
        {
            using var response = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var code = (int)response.StatusCode;
            return new WebhookResult(code, response.IsSuccessStatusCode ? null : $"HTTP {code}", Stopwatch.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookResult(null, $"timed out after {DurationText.Format(_timeout)}", Stopwatch.GetElapsedTime(started));
        }
        catch (HttpRequestException e)
        {
            var reason = e.InnerException is SocketException socket ? socket.SocketErrorCode.ToString() : e.HttpRequestError.ToString();
            return new WebhookResult(null, $"request failed: {reason}", Stopwatch.GetElapsedTime(started));
        }
    }

    public void Dispose() => _client.Dispose();
}
