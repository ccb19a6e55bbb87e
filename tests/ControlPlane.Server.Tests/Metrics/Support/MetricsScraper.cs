using System.Net;
using ControlPlane.Server.Hosting;
using ControlPlane.Server.Tests.Api.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ControlPlane.Server.Tests.Metrics.Support;

/// <summary>Scrapes <c>/metrics</c> of an in-process server over plain HTTP/1.1 (<c>--http-listen</c>) or over HTTP/2 on the gRPC port.</summary>
internal static class MetricsScraper
{
    public static async Task<(string Body, string? ContentType)> ScrapeAsync(ApiServer server, bool overGrpcPort = false)
    {
        var address = overGrpcPort ? server.Address.ToString().TrimEnd('/') : server.Services.GetRequiredService<BoundListeners>().HttpAddresses.Single();
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, address + "/metrics")
        {
            Version = overGrpcPort ? HttpVersion.Version20 : HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        using var response = await client.SendAsync(request, server.Ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadAsStringAsync(server.Ct), response.Content.Headers.ContentType?.ToString());
    }

    /// <summary>Scrapes until <paramref name="ready"/> holds on the parsed exposition (values are cached for up to a second).</summary>
    public static async Task<IReadOnlyDictionary<string, ParsedFamily>> ScrapeUntilAsync(ApiServer server, Func<IReadOnlyDictionary<string, ParsedFamily>, bool> ready)
    {
        while (true)
        {
            var body = (await ScrapeAsync(server)).Body;
            var families = PrometheusText.Parse(body);
            try
            {
                if (ready(families))
                {
                    return families;
                }
            }
            catch (InvalidOperationException e)
            {
                throw new InvalidOperationException($"{e.Message} in\n{body}", e);
            }

            await Task.Delay(100, server.Ct);
        }
    }
}
