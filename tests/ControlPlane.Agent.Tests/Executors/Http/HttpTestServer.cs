using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Agent.Tests.Executors.Http;

/// <summary>
/// Kestrel on 127.0.0.1, port 0, HTTP/1.1: <c>/hello</c>, <c>/status/{code}</c>, <c>/echo</c> (method, a header,
/// the content type and the body back), <c>/big/{bytes}</c> and <c>/hang</c> (answers only when the client gives up).
/// </summary>
internal sealed class HttpTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HttpTestServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<HttpTestServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1));
        var app = builder.Build();
        app.MapGet("/hello", () => Results.Text("hello from kestrel", "text/plain"));
        app.MapGet("/status/{code:int}", (int code) => Results.Text($"status {code}", "text/plain", statusCode: code));
        app.Map("/echo", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            return Results.Text($"{context.Request.Method}|{context.Request.Headers["X-Trace"]}|{context.Request.ContentType}|{body}");
        });
        app.MapGet("/big/{bytes:int}", (int bytes) => Results.Bytes(Enumerable.Range(0, bytes).Select(i => (byte)('a' + (i % 26))).ToArray(), "application/octet-stream"));
        app.MapGet("/hang", async (HttpContext context) =>
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new HttpTestServer(app, new Uri(address));
    }

    public string Url(string path) => new Uri(Address, path).AbsoluteUri;

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
