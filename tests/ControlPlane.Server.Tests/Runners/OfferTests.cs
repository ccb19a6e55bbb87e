using System.Text;
using ControlPlane.Contracts.V1;
using ControlPlane.Core.Steps;
using ControlPlane.Server.Tests.Runners.Support;
using Xunit.Abstractions;

namespace ControlPlane.Server.Tests.Runners;

/// <summary>Offers carry the step with every run-time expression resolved, secrets listed for masking.</summary>
public sealed class OfferTests(ITestOutputHelper output)
{
    private const string Workflow = """
        name: resolve
        env: {GREETING: hello}
        steps:
          - id: a
            run: echo a
            outputs: {x: "${{ result.outputs.x }}"}
          - id: b
            needs: [a]
            secrets: [TOKEN, ABSENT]
            timeout: 90s
            working_directory: sub/${{ steps.a.outputs.x }}
            env: {AUTH: "Bearer ${{ secrets.TOKEN }}", EMPTY: "[${{ secrets.ABSENT }}]"}
            run: echo ${{ steps.a.outputs.x }} ${{ env.GREETING }} ${{ steps.a.outcome }} run=${{ run.id }}/${{ run.attempt }}
        """;

    [Fact]
    public async Task An_offer_arrives_after_a_run_starts_with_its_step_resolved_from_needed_outputs_env_and_secrets()
    {
        await using var server = await StartWithSecretsAsync();
        var registered = await server.RegisterAsync("r");
        await using var agent = await ScriptedAgent.ConnectAsync(server.Client, registered.RunnerToken, cancellationToken: server.Ct);

        var runId = await server.StartRunAsync(Workflow);
        var first = await agent.NextOfferAsync();
        await agent.SendAsync(AgentMessages.Accept(first));
        await agent.SendAsync(AgentMessages.Finished(first, [], new Dictionary<string, string> { ["x"] = "42" }));
        var second = await agent.NextOfferAsync();

        Assert.Equal(("a", "echo a", "resolve", runId.Value, 1), (first.StepKey, first.Step.Shell.Script, first.Workflow, first.RunId, first.AttemptNumber));
        Assert.Equal("b", second.StepKey);
        Assert.Equal($"echo 42 hello success run={runId}/1", second.Step.Shell.Script);
        Assert.Equal(Shell.Bash, second.Step.Shell.Shell);
        Assert.Equal("Bearer s3cr3t-value", second.Step.Env["AUTH"]);
        Assert.Equal("[]", second.Step.Env["EMPTY"]);
        Assert.Equal("hello", second.Step.Env["GREETING"]);
        Assert.Equal("sub/42", second.Step.WorkingDirectory);
        Assert.Equal(TimeSpan.FromSeconds(90), second.Step.Timeout.ToTimeSpan());
        Assert.Equal(["s3cr3t-value"], second.Step.MaskValues);
        Assert.Empty(first.Step.MaskValues);
        Assert.True(second.AcceptBy.ToDateTimeOffset() > DateTimeOffset.UtcNow.AddSeconds(-5));
        Assert.Equal((await server.StepAsync(runId, "b")).Id.Value, second.StepId);
    }

    [Fact]
    public async Task A_step_whose_expressions_cannot_be_evaluated_is_not_offered_and_fails_with_the_reason()
    {
        await using var server = await RunnerTestServer.StartAsync(output);
        var registered = await server.RegisterAsync("r");
        await using var agent = await ScriptedAgent.ConnectAsync(server.Client, registered.RunnerToken, cancellationToken: server.Ct);

        var runId = await server.StartRunAsync("""
            name: broken
            steps:
              - id: a
                run: echo a
                outputs: {x: "${{ result.outputs.x }}"}
              - id: b
                needs: [a]
                run: echo ${{ fromJSON(steps.a.outputs.x) }}
            """);
        var first = await agent.NextOfferAsync();
        await agent.SendAsync(AgentMessages.Finished(first, [], new Dictionary<string, string> { ["x"] = "{not json" }));

        var step = await server.WaitForAsync(() => server.StepAsync(runId, "b"), s => StepStateMachine.IsTerminal(s.State), "step b to end");
        await agent.RoundTripAsync();

        Assert.Equal(Core.Steps.StepState.Failed, step.State);
        var attempt = (await server.ReadAsync(unit => unit.Attempts.ListByStepAsync(step.Id, server.Ct)))[^1];
        Assert.Equal(Core.Attempts.FailureClass.Error, attempt.FailureClass);
        Assert.Contains("run: cannot evaluate", attempt.Outcome, StringComparison.Ordinal);
        Assert.DoesNotContain(agent.Received, m => m.Offer?.StepKey == "b");
    }

    [Fact]
    public async Task A_bad_secrets_file_is_a_usage_error_naming_the_flag()
    {
        using var directory = new Testing.TempDirectory();
        var path = directory.Combine("secrets.json");
        await File.WriteAllTextAsync(path, """{"TOKEN": 42}""");

        var error = await Assert.ThrowsAsync<Server.Hosting.UsageException>(() => Server.Hosting.ServerHost.BuildAsync(["--data-dir", directory.Combine("data"), "--secrets-file", path], CancellationToken.None));

        Assert.Contains("--secrets-file", error.Message, StringComparison.Ordinal);
        Assert.Contains("TOKEN", error.Message, StringComparison.Ordinal);
    }

    private async Task<RunnerTestServer> StartWithSecretsAsync()
    {
        var file = Path.Combine(Path.GetTempPath(), $"cp-secrets-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """{"TOKEN": "s3cr3t-value", "UNUSED": "other"}""", Encoding.UTF8);
        try
        {
            return await RunnerTestServer.StartAsync(output, "--secrets-file", file);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
