using System.Net;
using System.Text;
using System.Text.Json;
using ControlPlane.Contracts.V1;
using ControlPlane.Server.Auth;
using ControlPlane.Server.Hosting;
using ControlPlane.Server.Triggers.Webhooks;
using ControlPlane.Testing;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace ControlPlane.Server.Tests.Auth.Support;

/// <summary>
/// The real server with authentication on, a plain HTTP listener, a static registration token, a secrets file with a
/// webhook secret and a workflow using it, and <see cref="FailureLimit"/> failures per <see cref="Window"/>. The
/// failure limiter counts by <see cref="Clock"/>, a manual clock, so a test ends a window by advancing it.
/// </summary>
internal sealed class ThrottleServer : IAsyncDisposable
{
    public const string RegistrationToken = "throttle-registration-token-0123456789";
    public const int FailureLimit = 3;
    public const string Hook = "deploy";
    public const string HookSecret = "hook-secret-for-throttle-tests";

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly TempDirectory _directory = new("cp-throttle");
    private readonly CapturedLogs _logs = new();
    private readonly ITestOutputHelper _output;
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(90));
    private readonly HttpClient _http = new();
    private WebApplication _app = null!;

    private ThrottleServer(ITestOutputHelper output)
    {
        _output = output;
    }

    /// <summary>15 s into a window, so a refusal's Retry-After is 45 s.</summary>
    public ManualTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 12, 0, 15, TimeSpan.Zero));

    public CancellationToken Ct => _timeout.Token;

    public GrpcChannel Channel { get; private set; } = null!;

    public string Admin { get; private set; } = "";

    /// <summary>A runner registered at start, whose token Connect accepts.</summary>
    public string RunnerToken { get; private set; } = "";

    public IServiceProvider Services => _app.Services;

    public static async Task<ThrottleServer> StartAsync(ITestOutputHelper output)
    {
        var server = new ThrottleServer(output);
        await server.OpenAsync();
        return server;
    }

    /// <summary>POSTs a push event to the webhook, signed with <paramref name="secret"/>; the status and the Retry-After header.</summary>
    /// <param name="forwardedFor">An <c>X-Forwarded-For</c> header to claim another address with.</param>
    public async Task<(int Status, string? RetryAfter, string Body)> PostHookAsync(string secret, string? forwardedFor = null)
    {
        var body = Encoding.UTF8.GetBytes($$"""{"ref": "refs/heads/main", "nonce": "{{Guid.NewGuid():N}}"}""");
        var address = new Uri(Services.GetRequiredService<BoundListeners>().HttpAddresses[0]);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address, "/hooks/" + Hook)) { Content = new ByteArrayContent(body) };
        request.Headers.Add("X-Hub-Signature-256", WebhookSignature.Sign(secret, body));
        request.Headers.Add("X-Delivery-Id", Guid.NewGuid().ToString("N"));
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }
        using var response = await _http.SendAsync(request, Ct);
        var retryAfter = response.Headers.RetryAfter?.Delta is { } delta ? ((int)delta.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return ((int)response.StatusCode, retryAfter, await response.Content.ReadAsStringAsync(Ct));
    }

    public async ValueTask DisposeAsync()
    {
        Channel?.Dispose();
        _http.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync(CancellationToken.None);
            await _app.DisposeAsync();
        }

        _output.WriteLine(_logs.ToString());
        _timeout.Dispose();
        _directory.Dispose();
    }

    private async Task OpenAsync()
    {
        var secrets = _directory.Combine("secrets.json");
        await File.WriteAllTextAsync(secrets, JsonSerializer.Serialize(new Dictionary<string, string> { ["HOOK_SECRET"] = HookSecret }));
        var config = _directory.Combine("server.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new { Auth = new { FailureLimit, FailureWindow = Window.ToString() } }));
        var dataDir = _directory.Combine("data");
        string[] args =
        [
            "--listen", "http://127.0.0.1:0", "--http-listen", "http://127.0.0.1:0", "--data-dir", dataDir,
            "--registration-token", RegistrationToken, "--secrets-file", secrets, "--config", config,
        ];
        _app = await ServerHost.BuildAsync(args, Ct, builder =>
        {
            builder.Logging.AddProvider(_logs);
            builder.Services.AddSingleton(sp => new AuthFailureLimiter(sp.GetRequiredService<IOptions<AuthOptions>>(), Clock, sp.GetRequiredService<ILogger<AuthFailureLimiter>>()));
        });
        await _app.StartAsync(Ct);
        Channel = GrpcChannel.ForAddress(Services.GetRequiredService<BoundListeners>().GrpcAddresses[0]);
        Admin = await Tokens.ReadAdminTokenAsync(dataDir);
        var workflow = $"name: {Hook}\non:\n  webhook:\n    secret: HOOK_SECRET\nsteps:\n  - id: build\n    run: echo hi\n";
        await new WorkflowService.WorkflowServiceClient(Channel).ApplyWorkflowAsync(new ApplyWorkflowRequest { FileName = "deploy.yaml", Source = workflow }, Tokens.Bearer(Admin), cancellationToken: Ct);
        var registered = await new RunnerService.RunnerServiceClient(Channel).RegisterAsync(new RegisterRequest { RegistrationToken = RegistrationToken, Name = "r1", Capacity = 1 }, cancellationToken: Ct);
        RunnerToken = registered.RunnerToken;
    }
}
