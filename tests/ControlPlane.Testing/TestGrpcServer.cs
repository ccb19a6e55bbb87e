using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Testing;

/// <summary>
/// A real Kestrel server on 127.0.0.1, port 0, with an HTTP/2-only cleartext endpoint (h2c with prior knowledge)
/// and optionally a TLS endpoint (HTTP/1.1 and HTTP/2 by ALPN). Its logs are captured for failure messages.
/// </summary>
public sealed class TestGrpcServer : IAsyncDisposable
{
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    private readonly WebApplication _app;

    private TestGrpcServer(WebApplication app, CapturedLogs logs, Uri httpAddress, Uri? httpsAddress)
    {
        _app = app;
        Logs = logs;
        HttpAddress = httpAddress;
        HttpsAddress = httpsAddress;
    }

    /// <summary>The cleartext HTTP/2 endpoint, e.g. http://127.0.0.1:41234.</summary>
    public Uri HttpAddress { get; }

    /// <summary>The TLS endpoint, when enabled; its certificate is <see cref="TestCertificate.Localhost"/>.</summary>
    public Uri? HttpsAddress { get; }

    /// <summary>Everything the server logged so far; <c>ToString()</c> gives the text.</summary>
    public CapturedLogs Logs { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<TestGrpcServer> StartAsync(TestGrpcServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new TestGrpcServerOptions();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(TestGrpcServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Development,
        });

        var logs = new CapturedLogs();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Grpc", LogLevel.Debug);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Server.Kestrel", LogLevel.Debug);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Routing", LogLevel.Warning);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = ShutdownTimeout);

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2);
            if (options.EnableTls)
            {
                kestrel.Listen(IPAddress.Loopback, 0, listen =>
                {
                    listen.Protocols = HttpProtocols.Http1AndHttp2;
                    listen.UseHttps(TestCertificate.Localhost.Certificate);
                });
            }
        });
        options.ConfigureServices(builder.Services);

        var app = builder.Build();
        options.MapEndpoints(app);
        await app.StartAsync(cancellationToken);

        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses
            .Select(address => new Uri(address))
            .ToList();
        return new TestGrpcServer(
            app,
            logs,
            addresses.Single(address => address.Scheme == Uri.UriSchemeHttp),
            addresses.SingleOrDefault(address => address.Scheme == Uri.UriSchemeHttps));
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(ShutdownTimeout);
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
