using ControlPlane.Contracts.V1;
using ControlPlane.Core.Storage;
using ControlPlane.Server.Hosting;
using ControlPlane.Testing;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace ControlPlane.Server.Tests.Api.Support;

/// <summary>
/// The real cp-server composition (store, dispatch loop, services) in-process on Kestrel port 0 over a temp data
/// directory, with our GrpcChannel as the client. Writes the server's log to the test output when disposed.
/// Runs in dev mode (no tokens needed) unless started with <see cref="StartWithAuthAsync"/>.
/// </summary>
internal sealed partial class ApiServer : IAsyncDisposable
{
    private readonly TempDirectory _directory = new("cp-api");
    private readonly CapturedLogs _logs = new();
    private readonly ITestOutputHelper _output;
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(90));
    private readonly List<GrpcChannel> _retiredChannels = [];
    private WebApplication _app = null!;

    private ApiServer(ITestOutputHelper output)
    {
        _output = output;
    }

    /// <summary>Ends every wait in a test long after it should have finished, so a hang fails instead of blocking.</summary>
    public CancellationToken Ct => _timeout.Token;

    /// <summary>Where Kestrel listens, e.g. http://127.0.0.1:40123.</summary>
    public Uri Address { get; private set; } = null!;

    public GrpcChannel Channel { get; private set; } = null!;

    private string[] _flags = [];

    public WorkflowService.WorkflowServiceClient Workflows { get; private set; } = null!;

    public RunService.RunServiceClient Runs { get; private set; } = null!;

    public IServiceProvider Services => _app.Services;

    /// <summary>What the server has logged so far, one line per entry.</summary>
    public string Logs => _logs.ToString();

    public IStore Store => Services.GetRequiredService<IStore>();

    /// <summary>The data directory, where <c>admin.token</c> is written.</summary>
    public string DataDir => _directory.Combine("data");

    public static async Task<ApiServer> StartAsync(ITestOutputHelper output, params string[] extraFlags)
    {
        var server = new ApiServer(output);
        await server.OpenAsync(["--dev", .. extraFlags]);
        return server;
    }

    /// <summary>Starts with authentication on, as a server runs in production.</summary>
    public static async Task<ApiServer> StartWithAuthAsync(ITestOutputHelper output, params string[] extraFlags)
    {
        var server = new ApiServer(output);
        await server.OpenAsync(extraFlags);
        return server;
    }

    /// <summary>Stops the server and starts it again over the same data directory, with the same flags unless others are given.</summary>
    public async Task RestartAsync(params string[] extraFlags)
    {
        extraFlags = extraFlags.Length > 0 ? extraFlags : _flags;
        // Stopped first, so calls still open see the shutdown as a client would. The old channel is replaced but kept
        // until the end: disposing it would cancel a call whose caller has not read the status it ended with yet.
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _retiredChannels.Add(Channel);
        await OpenAsync(extraFlags);
    }

    public async ValueTask DisposeAsync()
    {
        Channel?.Dispose();
        _retiredChannels.ForEach(channel => channel.Dispose());
        if (_app is not null)
        {
            await _app.StopAsync(CancellationToken.None);
            await _app.DisposeAsync();
        }

        _output.WriteLine(_logs.ToString());
        _timeout.Dispose();
        _directory.Dispose();
    }

    private async Task OpenAsync(string[] extraFlags)
    {
        _flags = extraFlags;
        // A generous lease so attempts driven by a test never lapse on a loaded machine.
        string[] args = ["--listen", "http://127.0.0.1:0", "--data-dir", DataDir, "--runner-lost-timeout", "10m", "--offer-timeout", "10m", .. extraFlags];
        _app = await ServerHost.BuildAsync(args, Ct, builder => builder.Logging.AddProvider(_logs));
        await _app.StartAsync(Ct);
        Address = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        Channel = GrpcChannel.ForAddress(Address);
        Workflows = new WorkflowService.WorkflowServiceClient(Channel);
        Runs = new RunService.RunServiceClient(Channel);
    }
}
