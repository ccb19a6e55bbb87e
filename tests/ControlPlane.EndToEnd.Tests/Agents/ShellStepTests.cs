using System.Text;
using ControlPlane.Contracts.V1;
using ControlPlane.EndToEnd.Tests.Support;
using Xunit.Abstractions;

namespace ControlPlane.EndToEnd.Tests.Agents;

public sealed class ShellStepTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_shell_workflow_runs_on_an_agent_with_outputs_flowing_between_steps_and_logs_stored_byte_exact()
    {
        await using var cluster = await Cluster.StartAsync(output);
        var agent = await cluster.StartAgentAsync("agent-1");
        var workflow = await cluster.ApplyAsync("pipeline.yaml", """
            name: pipeline
            env:
              GREETING: hello
            steps:
              - id: produce
                run: |
                  echo "$GREETING from $CP_RUNNER_NAME"
                  echo "to stderr" >&2
                  printf 'no newline at the end'
                  echo "answer=42" >> "$CP_OUTPUT"
                outputs:
                  answer: ${{ result.outputs.answer }}
              - id: consume
                needs: produce
                run: |
                  echo "the answer is ${{ steps.produce.outputs.answer }}"
                  test "${{ steps.produce.outputs.answer }}" = 42
            """);

        var runId = await cluster.StartRunAsync(workflow);
        var run = await cluster.WaitForRunEndAsync(runId, RunTimeout);

        Assert.Equal(RunState.Succeeded, run.Run.State);
        var produce = run.Steps.Single(s => s.Key == "produce");
        Assert.Equal("42", produce.Outputs["answer"]);
        var attempt = Assert.Single(produce.Attempts);
        Assert.Equal(agent.Name, attempt.RunnerName);
        Assert.True(attempt.LogComplete);
        var log = Encoding.UTF8.GetString(await cluster.ReadLogAsync(runId, "produce"));
        // stdout and stderr are read separately, so only each stream's own order is kept:
        // the stderr line may land anywhere between stdout's writes, never inside one.
        var stderrAt = log.IndexOf("to stderr\n", StringComparison.Ordinal);
        Assert.True(stderrAt >= 0, $"the stderr line is missing from the log: {log}");
        var stdoutOnly = log.Remove(stderrAt, "to stderr\n".Length);
        Assert.Equal("hello from " + agent.Name + "\nno newline at the end", stdoutOnly);
        Assert.Equal("the answer is 42\n", Encoding.UTF8.GetString(await cluster.ReadLogAsync(runId, "consume")));
    }

    [Fact]
    public async Task A_large_log_arrives_complete_and_byte_exact()
    {
        await using var cluster = await Cluster.StartAsync(output);
        await cluster.StartAgentAsync("agent-1");
        var workflow = await cluster.ApplyAsync("chatty.yaml", """
            name: chatty
            steps:
              - id: talk
                run: seq 1 200000
            """);

        var runId = await cluster.StartRunAsync(workflow);
        var run = await cluster.WaitForRunEndAsync(runId, RunTimeout);

        Assert.Equal(RunState.Succeeded, run.Run.State);
        var expected = string.Concat(Enumerable.Range(1, 200000).Select(i => $"{i}\n"));
        Assert.Equal(expected, Encoding.ASCII.GetString(await cluster.ReadLogAsync(runId, "talk")));
    }

    [Fact]
    public async Task A_failing_step_fails_the_run_with_its_exit_code()
    {
        await using var cluster = await Cluster.StartAsync(output);
        await cluster.StartAgentAsync("agent-1");
        var workflow = await cluster.ApplyAsync("failing.yaml", """
            name: failing
            inputs:
              word:
                type: string
                default: sesame
            steps:
              - id: fail
                run: |
                  echo "the word is ${{ inputs.word }}"
                  exit 3
            """);

        var runId = await cluster.StartRunAsync(workflow);
        var run = await cluster.WaitForRunEndAsync(runId, RunTimeout);

        Assert.Equal(RunState.Failed, run.Run.State);
        var attempt = Assert.Single(run.Steps.Single().Attempts);
        Assert.Equal(AttemptState.Failed, attempt.State);
        Assert.Equal(3, attempt.ExitCode);
        Assert.Equal(FailureClass.ExitCode, attempt.FailureClass);
    }

    [Fact]
    public async Task Secrets_reach_the_step_but_never_the_stored_log_also_in_base64()
    {
        using var secrets = new ControlPlane.Testing.TempDirectory("cp-e2e-secrets");
        var secretsFile = secrets.Combine("secrets.json");
        await File.WriteAllTextAsync(secretsFile, """{ "DEPLOY_TOKEN": "s3cr3t-v4lue-0123456789" }""");
        await using var cluster = await Cluster.StartAsync(output, "--secrets-file", secretsFile);
        await cluster.StartAgentAsync("agent-1");
        var workflow = await cluster.ApplyAsync("secretive.yaml", """
            name: secretive
            steps:
              - id: use
                secrets: [DEPLOY_TOKEN]
                env:
                  TOKEN: ${{ secrets.DEPLOY_TOKEN }}
                run: |
                  test "$TOKEN" = "s3cr3t-v4lue-0123456789"
                  echo "token=$TOKEN"
                  printf '%s' "$TOKEN" | base64
            """);

        var runId = await cluster.StartRunAsync(workflow);
        var run = await cluster.WaitForRunEndAsync(runId, RunTimeout);

        Assert.Equal(RunState.Succeeded, run.Run.State);
        var log = Encoding.UTF8.GetString(await cluster.ReadLogAsync(runId, "use"));
        Assert.Contains("token=***", log, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", log, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes("s3cr3t-v4lue-0123456789")), log, StringComparison.Ordinal);
    }
}
