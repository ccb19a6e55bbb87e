using System.Net;
using System.Text;
using System.Text.Json;
using ControlPlane.Contracts.V1;
using ControlPlane.Server.Hosting;
using ControlPlane.Server.Tests.Api.Support;
using ControlPlane.Server.Triggers.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static ControlPlane.Server.Tests.Auth.Support.Tokens;

namespace ControlPlane.Server.Tests.Triggers.Support;

/// <summary>
/// A real server with authentication on, a plain HTTP listener beside the gRPC one, and a workflow with a webhook
/// whose secret lives in a process environment variable of its own (tests run in parallel in one process).
/// </summary>
internal sealed class WebhookServer : IAsyncDisposable
{
    private readonly HttpClient _http = new();

    private WebhookServer(ApiServer api, string admin, string secretEnv)
    {
        Api = api;
        Admin = admin;
        SecretEnv = secretEnv;
        var listeners = api.Services.GetRequiredService<BoundListeners>();
        HttpAddress = new Uri(listeners.HttpAddresses[0]);
        GrpcAddress = new Uri(listeners.GrpcAddresses[0]);
    }

    public ApiServer Api { get; }

    public string Admin { get; }

    /// <summary>The environment variable holding the secret; its value is <see cref="Secret"/>.</summary>
    public string SecretEnv { get; }

    public string Secret { get; } = "s3cr3t-" + Guid.NewGuid().ToString("N");

    /// <summary>The plain HTTP/1.1 listener.</summary>
    public Uri HttpAddress { get; }

    /// <summary>The gRPC listener, which is HTTP/2 (h2c) only.</summary>
    public Uri GrpcAddress { get; }

    public CancellationToken Ct => Api.Ct;

    public static async Task<WebhookServer> StartAsync(ITestOutputHelper output)
    {
        var api = await ApiServer.StartWithAuthAsync(output, "--http-listen", "http://127.0.0.1:0");
        var server = new WebhookServer(api, await ReadAdminTokenAsync(api.DataDir), "CP_TEST_HOOK_" + Guid.NewGuid().ToString("N").ToUpperInvariant());
        Environment.SetEnvironmentVariable(server.SecretEnv, server.Secret);
        return server;
    }

    /// <summary>Applies a workflow named <paramref name="name"/> with a webhook (the server's secret and <paramref name="filter"/>) and one step reading the event.</summary>
    public async Task ApplyAsync(string name, string? filter = null)
    {
        var filterLine = filter is null ? "" : $"\n    filter: \"{filter}\"";
        var source = $$$"""
            name: {{{name}}}
            on:
              webhook:
                secret_env: {{{SecretEnv}}}{{{filterLine}}}
            steps:
              - id: build
                env: {REF: "${{ event.ref }}"}
                run: echo "building $REF"
            """;
        await Api.Workflows.ApplyWorkflowAsync(new ApplyWorkflowRequest { FileName = name + ".yaml", Source = source }, Bearer(Admin), cancellationToken: Ct);
    }

    public async Task ApplySourceAsync(string name, string source) =>
        await Api.Workflows.ApplyWorkflowAsync(new ApplyWorkflowRequest { FileName = name + ".yaml", Source = source }, Bearer(Admin), cancellationToken: Ct);

    /// <summary>POSTs <paramref name="body"/> to /hooks/<paramref name="workflow"/>, signed with the secret unless told otherwise.</summary>
    public async Task<HookAnswer> PostAsync(
        string workflow,
        string body,
        bool http2 = false,
        string? signature = "sign",
        string? bearer = null,
        string? deliveryId = null,
        string deliveryHeader = "X-Delivery-Id")
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        return await PostBytesAsync(workflow, new ByteArrayContent(bytes), bytes, http2, signature, bearer, deliveryId, deliveryHeader);
    }

    public async Task<HookAnswer> PostBytesAsync(
        string workflow,
        HttpContent content,
        byte[] bytes,
        bool http2 = false,
        string? signature = "sign",
        string? bearer = null,
        string? deliveryId = null,
        string deliveryHeader = "X-Delivery-Id")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(http2 ? GrpcAddress : HttpAddress, $"/hooks/{workflow}"))
        {
            Content = content,
            Version = http2 ? HttpVersion.Version20 : HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        if (signature is not null)
        {
            request.Headers.Add("X-Hub-Signature-256", signature == "sign" ? WebhookSignature.Sign(Secret, bytes) : signature);
        }

        if (bearer is not null)
        {
            request.Headers.Add("Authorization", "Bearer " + bearer);
        }

        if (deliveryId is not null)
        {
            request.Headers.Add(deliveryHeader, deliveryId);
        }

        using var response = await _http.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        try
        {
            return new HookAnswer((int)response.StatusCode, response.Version, JsonDocument.Parse(text).RootElement.Clone(), text);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"POST /hooks/{workflow} answered {(int)response.StatusCode} with a body that is not JSON: {text}", e);
        }
    }

    public async Task<Run> RunAsync(long runId) =>
        (await Api.Runs.GetRunAsync(new GetRunRequest { RunId = runId }, Bearer(Admin), cancellationToken: Ct)).Run;

    public async Task<IReadOnlyList<Run>> RunsAsync(string workflow) =>
        (await Api.Runs.ListRunsAsync(new ListRunsRequest { WorkflowName = workflow }, Bearer(Admin), cancellationToken: Ct)).Runs;

    public async ValueTask DisposeAsync()
    {
        Environment.SetEnvironmentVariable(SecretEnv, null);
        _http.Dispose();
        await Api.DisposeAsync();
    }
}
