using ControlPlane.Contracts.V1;
using ControlPlane.Core.Workflows;
using ControlPlane.Server.Api;
using ControlPlane.Server.Tests.Triggers.Support;
using Google.Rpc;
using Grpc.Core;
using Xunit.Abstractions;
using static ControlPlane.Server.Tests.Auth.Support.Tokens;
using WorkflowDiagnostics = ControlPlane.Contracts.V1.WorkflowDiagnostics;

namespace ControlPlane.Server.Tests.Triggers;

/// <summary>
/// on.webhook.secret names a secret of the server's secrets file: one it lacks is an invalid workflow when applied or
/// validated, and a delivery never meets a missing secret as a 500. The server's environment is never read.
/// </summary>
public sealed class WebhookSecretApplyTests(ITestOutputHelper output)
{
    private const string Push = """{"ref": "refs/heads/main"}""";

    [Fact]
    public async Task Applying_a_webhook_whose_secret_the_server_lacks_is_invalid_argument_naming_file_line_and_field()
    {
        await using var server = await WebhookServer.StartAsync(output);

        var error = await Assert.ThrowsAsync<RpcException>(() => server.ApplySourceAsync("deploy", Hooked("deploy", "secret: MISSING_SECRET")));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(
            "the workflow has 1 error:\ndeploy.yaml:4:13: error CP1405 on.webhook.secret: the server has no secret 'MISSING_SECRET'; webhook secrets come from the server's --secrets-file, so add 'MISSING_SECRET' there (and restart the server) or name a secret it has",
            error.Status.Detail);
        var details = Google.Rpc.Status.Parser.ParseFrom(error.Trailers.GetValueBytes(ApiErrors.StatusDetailsTrailer)).Details;
        Assert.Equal(["on.webhook.secret"], details.Single(d => d.Is(BadRequest.Descriptor)).Unpack<BadRequest>().FieldViolations.Select(v => v.Field));
        Assert.Equal([("deploy.yaml", 4, 13)], details.Single(d => d.Is(WorkflowDiagnostics.Descriptor)).Unpack<WorkflowDiagnostics>().Diagnostics.Select(d => (d.File, d.Line, d.Column)));
        Assert.Empty((await server.Api.Workflows.ListWorkflowsAsync(new ListWorkflowsRequest(), Bearer(server.Admin), cancellationToken: server.Ct)).Workflows);
    }

    [Fact]
    public async Task A_secret_that_is_empty_in_the_secrets_file_is_refused_too()
    {
        await using var server = await WebhookServer.StartAsync(output);

        var error = await Assert.ThrowsAsync<RpcException>(() => server.ApplySourceAsync("deploy", Hooked("deploy", "secret: EMPTY")));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("CP1405 on.webhook.secret: the server has an empty secret 'EMPTY'", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validating_reports_the_missing_secret_as_a_diagnostic_and_the_file_as_invalid()
    {
        await using var server = await WebhookServer.StartAsync(output);
        var request = new ValidateWorkflowRequest { FileName = "deploy.yaml", Source = Hooked("deploy", "secret: MISSING_SECRET") };

        var check = await server.Api.Workflows.ValidateWorkflowAsync(request, Bearer(server.Admin), cancellationToken: server.Ct);
        var known = await server.Api.Workflows.ValidateWorkflowAsync(new ValidateWorkflowRequest { FileName = "deploy.yaml", Source = Hooked("deploy", $"secret: {WebhookServer.SecretName}") }, Bearer(server.Admin), cancellationToken: server.Ct);

        Assert.False(check.Valid);
        var diagnostic = Assert.Single(check.Diagnostics);
        Assert.Equal(("CP1405", "on.webhook.secret", 4, 13), (diagnostic.Code, diagnostic.FieldPath, diagnostic.Line, diagnostic.Column));
        Assert.True(known.Valid);
    }

    [Fact]
    public async Task Secret_env_is_refused_at_apply_with_a_diagnostic_pointing_at_secret()
    {
        await using var server = await WebhookServer.StartAsync(output);

        var error = await Assert.ThrowsAsync<RpcException>(() => server.ApplySourceAsync("deploy", Hooked("deploy", "secret_env: PATH")));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("deploy.yaml:4:5: error CP1406 on.webhook.secret_env: 'secret_env' is no longer supported", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("write 'secret: PATH'", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revision_stored_with_secret_env_before_the_upgrade_still_loads_and_refuses_signatures_with_401_not_500()
    {
        await using var server = await WebhookServer.StartAsync(output);
        var source = Hooked("legacy", "secret_env: PATH");
        await using (var unit = await server.Api.Store.BeginAsync(server.Ct))
        {
            await unit.Workflows.SaveRevisionAsync(new NewWorkflowRevision("legacy", "legacy.yaml", source, "legacy-hash"), server.Ct);
            await unit.CommitAsync(server.Ct);
        }

        var signed = await server.PostAsync("legacy", Push);

        Assert.Equal(401, signed.Status);
        Assert.Contains("has no webhook secret (on.webhook.secret) to verify signatures with", signed.Error, StringComparison.Ordinal);
        Assert.Empty(await server.RunsAsync("legacy"));
    }

    [Fact]
    public async Task A_secret_gone_after_a_restart_with_other_secrets_answers_503_naming_it_not_500()
    {
        await using var server = await WebhookServer.StartAsync(output);
        await server.ApplyAsync("deploy");
        var without = server.SecretsFile("other.json", new Dictionary<string, string> { ["OTHER"] = "x" });

        await server.Api.RestartAsync("--http-listen", "http://127.0.0.1:0", "--secrets-file", without);
        var answer = await server.PostAsync("deploy", Push);

        Assert.Equal(503, answer.Status);
        Assert.Contains("the server's secrets file has no secret 'HOOK_SECRET'", answer.Error, StringComparison.Ordinal);
        Assert.Empty(await server.RunsAsync("deploy"));
    }

    private static string Hooked(string name, string secretLine) => $"""
        name: {name}
        on:
          webhook:
            {secretLine}
        steps:
          - id: build
            run: echo hi
        """;
}
