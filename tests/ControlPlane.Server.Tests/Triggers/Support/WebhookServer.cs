using System.Net;
using System.Text;
using System.Text.Json;
using ControlPlane.Contracts.V1;
using ControlPlane.Server.Hosting;
using ControlPlane.Server.Tests.Api.Support;
using ControlPlane.Server.Triggers.Webhooks;
using ControlPlane.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static ControlPlane.Server.Tests.Auth.Support.Tokens;

namespace ControlPlane.Server.Tests.Triggers.Support;

/// <summary>
/// A real server with authentication on, a plain HTTP listener beside the gRPC one, and a secrets file holding the
/// webhook secret <see cref="SecretName"/>.
/// </summary>
internal sealed class WebhookServer : IAsyncDisposable
{
    /// <summary>The name of the webhook secret in the server's secrets file; its value is <see cref="Secret"/>.</summary>
    public const string SecretName = "HOOK_SECRET";

    private readonly HttpClient _http = new();
    private readonly TempDirectory _secrets;

    private WebhookServer(ApiServer api, string admin, string secret, TempDirectory secrets)
    {
        Api = api;
        Admin = admin;
        Secret = secret;
        _secrets = secrets;
    }

    public ApiServer Api { get; }

    public string Admin { get; }

    public string Secret { get; }

    /// <summary>The plain HTTP/1.1 listener (after a restart, the new one).</summary>
    public Uri HttpAddress => new(Api.Services.GetRequiredService<BoundListeners>().HttpAddresses[0]);

    /// <summary>The gRPC listener, which is HTTP/2 (h2c) only.</summary>
    public Uri GrpcAddress => new(Api.Services.GetRequiredService<BoundListeners>().GrpcAddresses[0]);

    /// <summary>A secrets file of this test's own, e.g. one to restart the server with.</summary>
    public string SecretsFile(string name, IReadOnlyDictionary<string, string> secrets)
    {
        var file = _secrets.Combine(name);
        File.WriteAllText(file, JsonSerializer.Serialize(secrets));
        return file;
    }

    public CancellationToken Ct => Api.Ct;

    /// <param name="extraFlags">More server flags, e.g. <c>--config</c>.</param>
    public static async Task<WebhookServer> StartAsync(ITestOutputHelper output, params string[] extraFlags)
    {
        var secret = "s3cr3t-" + Guid.NewGuid().ToString("N");
        var secrets = new TempDirectory("cp-hook-secrets");
        var file = secrets.Combine("secrets.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new Dictionary<string, string> { [SecretName] = secret, ["EMPTY"] = "" }));
        var api = await ApiServer.StartWithAuthAsync(output, ["--http-listen", "http://127.0.0.1:0", "--secrets-file", file, .. extraFlags]);
        return new WebhookServer(api, await ReadAdminTokenAsync(api.DataDir), secret, secrets);
    }

    /// <summary>Applies a workflow named <paramref name="name"/> with a webhook (the server's secret and <paramref name="filter"/>) and one step reading the event.</summary>
    public async Task ApplyAsync(string name, string? filter = null)
    {
        var filterLine = filter is null ? "" : $"\n    filter: \"{filter}\"";
        var source = $$$"""
            name: {{{name}}}
            on:
              webhook:
                secret: {{{SecretName}}}{{{filterLine}}}
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
        _http.Dispose();
        await Api.DisposeAsync();
        _secrets.Dispose();
    }
}
