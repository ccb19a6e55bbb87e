using System.Net;
using System.Text;
using ControlPlane.Contracts.V1;
using ControlPlane.Server.Runners;
using ControlPlane.Server.Tests.Api.Support;
using ControlPlane.Server.Tests.Triggers.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static ControlPlane.Server.Tests.Auth.Support.Tokens;

namespace ControlPlane.Server.Tests.Triggers;

/// <summary>POST /hooks/{workflow} against a real server: HTTP/1.1 on the HTTP listener and HTTP/2 on the gRPC port.</summary>
public sealed class WebhookTests(ITestOutputHelper output)
{
    private const string Push = """{"ref": "refs/heads/main", "after": "abc123", "pusher": {"name": "ada"}}""";

    [Theory]
    [InlineData(false, "1.1")]
    [InlineData(true, "2.0")]
    public async Task A_signed_delivery_starts_a_run_that_keeps_the_payload_as_its_event(bool http2, string version)
    {
        await using var server = await WebhookServer.StartAsync(output);
        await server.ApplyAsync("deploy");

        var answer = await server.PostAsync("deploy", Push, http2: http2, deliveryId: "d-1");
        var run = await server.RunAsync(answer.RunId);

        Assert.Equal((201, version), (answer.Status, answer.Version.ToString()));
        Assert.True(answer.Body.GetProperty("created").GetBoolean());
        Assert.Equal(RunTrigger.Webhook, run.Trigger);
        Assert.Equal(Push, run.EventJson);
        Assert.Equal("webhook:deploy:d-1", run.IdempotencyKey);
    }

    [Fact]
    public async Task A_redelivery_answers_200_with_the_same_run_and_starts_nothing_new()
    {
        await using var server = await WebhookServer.StartAsync(output);
        await server.ApplyAsync("deploy");

        var first = await server.PostAsync("deploy", Push, deliveryId: "72d3162e");
        var again = await server.PostAsync("deploy", Push, http2: true, deliveryId: "72d3162e", deliveryHeader: "X-GitHub-Delivery");
        var other = await server.PostAsync("deploy", Push.Replace("abc123", "def456", StringComparison.Ordinal), deliveryId: "another");

        Assert.Equal((201, 200, 201), (first.Status, again.Status, other.Status));
        Assert.Equal(first.RunId, again.RunId);
        Assert.False(again.Body.GetProperty("created").GetBoolean());
        Assert.NotEqual(first.RunId, other.RunId);
        Assert.Equal(2, (await server.RunsAsync("deploy")).Count);
    }

    [Theory]
    [InlineData("sha256=0000000000000000000000000000000000000000000000000000000000000000", "does not match the body")]
    [InlineData("sha1=abc", "does not match the body")]
    [InlineData("sha256=not-hex", "does not match the body")]
    [InlineData(null, "needs an 'X-Hub-Signature-256")]
    public async Task A_bad_or_missing_signature_is_401_and_starts_nothing(string? signature, string expected)
    {
        await using var server = await WebhookServer.StartAsync(output);
        await server.ApplyAsync("deploy");

        var answer = await server.PostAsync("deploy", Push, signature: signature);

        Assert.Equal(401, answer.Status);
        Assert.Contains(expected, answer.Error, StringComparison.Ordinal);
        Assert.Empty(await server.RunsAsync("deploy"));
    }

    [Fact]
    public async Task A_signature_over_other_bytes_is_refused()
    {
        await using var server = await WebhookServer.StartAsync(output);
        await server.ApplyAsync("deploy");
        var signedBody = Encoding.UTF8.GetBytes(Push);
        var tampered = Encoding.UTF8.GetBytes(Push.Replace("main", "evil", StringComparison.Ordinal));

        var answer = await server.PostBytesAsync("deploy", new ByteArrayContent(tampered), signedBody);

        Assert.Equal(401, answer.Status);
        Assert.Empty(await server.RunsAsync("deploy"));
    }

    [Fact]
    public async Task An_operator_bearer_token_starts_a_run_and_a_viewer_token_is_403()
    {
        await using var server = await WebhookServer.StartAsync(output);
        await server.ApplyAsync("deploy");
        var operatorToken = (await CreateAsync(server.Api.Channel, server.Admin, ApiTokenRole.Operator, "ci", server.Ct)).Secret;
        var viewerToken = (await CreateAsync(server.Api.Channel, server.Admin, ApiTokenRole.Viewer, "dash", server.Ct)).Secret;

        var started = await server.PostAsync("deploy", Push, signature: null, bearer: operatorToken);
        var viewer = await server.PostAsync("deploy", Push, http2: true, signature: null, bearer: viewerToken);
        var unknown = await server.PostAsync("deploy", Push, signature: null, bearer: "cp_api_nonsense");

        Assert.Equal((201, 403, 401), (started.Status, viewer.Status, unknown.Status));
        Assert.Contains("viewer role", viewer.Error, StringComparison.Ordinal);
        Assert.Single(await server.RunsAsync("deploy"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_body_over_the_limit_is_413_with_or_without_a_content_length(bool chunked)
    {
        await using var server = await WebhookServer.StartAsync(output);
        await server.ApplyAsync("deploy");
        var big = Encoding.UTF8.GetBytes("{\"pad\": \"" + new string('x', 1024 * 1024) + "\"}");
        HttpContent content = chunked ? new StreamContent(new UnseekableStream(big)) : new ByteArrayContent(big);

        var answer = await server.PostBytesAsync("deploy", content, big);

        Assert.Equal(413, answer.Status);
        Assert.Contains("larger than the limit of 1048576 bytes", answer.Error, StringComparison.Ordinal);
        Assert.Empty(await server.RunsAsync("deploy"));
    }

    [Fact]
    public async Task Malformed_json_is_400_naming_where_it_breaks()
    {
        await using var server = await WebhookServer.StartAsync(output);
        await server.ApplyAsync("deploy");

        var answer = await server.PostAsync("deploy", "{\"ref\": \"main\",\n  \"after\": }");
        var notAnObject = await server.PostAsync("deploy", "[1, 2]", http2: true);

        Assert.Equal((400, 400), (answer.Status, notAnObject.Status));
        Assert.Contains("not valid JSON", answer.Error, StringComparison.Ordinal);
        Assert.Contains("line 2, column 12", answer.Error, StringComparison.Ordinal);
        Assert.Contains("must be a JSON object, got array", notAnObject.Error, StringComparison.Ordinal);
        Assert.Empty(await server.RunsAsync("deploy"));
    }

    [Fact]
    public async Task The_filter_decides_whether_a_delivery_starts_a_run()
    {
        await using var server = await WebhookServer.StartAsync(output);
        await server.ApplyAsync("release", "startsWith(event.ref, 'refs/tags/')");

        var branch = await server.PostAsync("release", Push, deliveryId: "b-1");
        var tag = await server.PostAsync("release", """{"ref": "refs/tags/v1.2.0"}""", deliveryId: "t-1");

        Assert.Equal(202, branch.Status);
        Assert.False(branch.Body.GetProperty("started").GetBoolean());
        Assert.Contains("is false for this event", branch.Body.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(201, tag.Status);
        Assert.Equal("""{"ref": "refs/tags/v1.2.0"}""", (await server.RunAsync(tag.RunId)).EventJson);
        Assert.Single(await server.RunsAsync("release"));
    }

    [Fact]
    public async Task Unknown_workflows_and_workflows_without_a_webhook_are_404()
    {
        await using var server = await WebhookServer.StartAsync(output);
        await server.ApplySourceAsync("plain", "name: plain\nsteps:\n  - id: a\n    run: echo hi\n");

        var unknown = await server.PostAsync("nope", Push);
        var plain = await server.PostAsync("plain", Push, http2: true);

        Assert.Equal((404, 404), (unknown.Status, plain.Status));
        Assert.Contains("'nope' does not exist or has no webhook trigger", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_event_survives_a_restart_and_other_runs_have_none()
    {
        await using var server = await WebhookServer.StartAsync(output);
        await server.ApplyAsync("deploy");
        var hooked = await server.PostAsync("deploy", Push);
        var manual = await server.Api.Runs.StartRunAsync(new StartRunRequest { WorkflowName = "deploy" }, Bearer(server.Admin), cancellationToken: server.Ct);

        await server.Api.RestartAsync();
        var reread = await server.RunAsync(hooked.RunId);
        var plain = await server.RunAsync(manual.Run.Id);

        Assert.Equal((RunTrigger.Webhook, Push), (reread.Trigger, reread.EventJson));
        Assert.Equal((RunTrigger.Manual, ""), (plain.Trigger, plain.EventJson));
    }

    [Fact]
    public async Task Event_values_reach_the_resolved_env_of_the_step_offered_to_a_runner()
    {
        await using var server = await WebhookServer.StartAsync(output);
        await server.ApplyAsync("deploy");
        var runner = await InProcessRunner.ConnectAsync(server.Api, "hook-runner");

        await server.PostAsync("deploy", Push, http2: true);
        var offer = await runner.TakeOfferAsync();
        var context = await server.Api.Services.GetRequiredService<OfferContextReader>().ReadAsync(offer, server.Ct);
        var spec = server.Api.Services.GetRequiredService<StepSpecResolver>().Resolve(offer, context);

        Assert.Equal("refs/heads/main", spec.Env["REF"]);
    }

    [Fact]
    public async Task Step_conditions_read_the_event()
    {
        await using var server = await WebhookServer.StartAsync(output);
        await server.ApplySourceAsync("cond", $$$"""
            name: cond
            on:
              webhook: {secret: {{{WebhookServer.SecretName}}}}
            steps:
              - id: on-main
                if: event.ref == 'refs/heads/main'
                run: echo main
              - id: on-tag
                if: startsWith(event.ref, 'refs/tags/')
                run: echo tag
            """);

        var answer = await server.PostAsync("cond", Push);
        var steps = await WaitForStepsAsync(server, answer.RunId, s => s.Any(x => x.State == StepState.Skipped));

        Assert.Equal(StepState.Skipped, steps.Single(x => x.Key == "on-tag").State);
        Assert.NotEqual(StepState.Skipped, steps.Single(x => x.Key == "on-main").State);
    }

    private static async Task<IReadOnlyList<Step>> WaitForStepsAsync(WebhookServer server, long runId, Func<IReadOnlyList<Step>, bool> done)
    {
        while (true)
        {
            var steps = (await server.Api.Runs.GetRunAsync(new GetRunRequest { RunId = runId }, Bearer(server.Admin), cancellationToken: server.Ct)).Steps;
            if (done(steps))
            {
                return steps;
            }

            await Task.Delay(20, server.Ct);
        }
    }

    /// <summary>A stream of unknown length, so HttpClient sends the body chunked, without Content-Length.</summary>
    private sealed class UnseekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
