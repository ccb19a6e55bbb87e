using ControlPlane.Contracts.V1;
using ControlPlane.Server.Tests.Runners.Support;
using Xunit.Abstractions;

namespace ControlPlane.Server.Tests.Api;

/// <summary>What a runner is offered after RetryRun, through the real runner protocol.</summary>
public sealed class RetryRunOfferTests(ITestOutputHelper output)
{
    [Fact]
    public async Task After_a_retry_the_offered_step_sees_the_new_run_attempt_and_its_next_attempt_number()
    {
        await using var server = await RunnerTestServer.StartAsync(output);
        var registered = await server.RegisterAsync("r");
        await using var agent = await ScriptedAgent.ConnectAsync(server.Client, registered.RunnerToken, cancellationToken: server.Ct);
        var runs = new RunService.RunServiceClient(server.Channel);
        var runId = await server.StartRunAsync("""
            name: attempts
            steps:
              - id: only
                run: echo run=${{ run.id }}/${{ run.attempt }}
            """);
        var first = await agent.NextOfferAsync();
        await agent.SendAsync(AgentMessages.Accept(first));
        await agent.SendAsync(AgentMessages.Finished(first.AttemptId, first.LeaseEpoch, [], AttemptOutcome.Failed, exitCode: 1));
        await server.WaitForAsync(() => runs.GetRunAsync(new GetRunRequest { RunId = runId.Value }, cancellationToken: server.Ct).ResponseAsync, r => r.Run.State == RunState.Failed, "the run to fail");

        await runs.RetryRunAsync(new RetryRunRequest { RunId = runId.Value }, cancellationToken: server.Ct);
        var second = await agent.NextOfferAsync();

        Assert.Equal($"echo run={runId}/1", first.Step.Shell.Script);
        Assert.Equal($"echo run={runId}/2", second.Step.Shell.Script);
        Assert.Equal((1, 2), (first.AttemptNumber, second.AttemptNumber));
        Assert.True(second.LeaseEpoch > first.LeaseEpoch, "a retried step's lease epoch keeps growing, so the old attempt's reports stay stale");
    }
}
