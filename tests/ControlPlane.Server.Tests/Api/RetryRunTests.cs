using ControlPlane.Contracts.V1;
using ControlPlane.Server.Tests.Api.Support;
using Grpc.Core;
using Xunit.Abstractions;

namespace ControlPlane.Server.Tests.Api;

public sealed class RetryRunTests(ITestOutputHelper output)
{
    private const string Pipeline = """
        name: pipeline
        steps:
          - id: build
            run: make
            outputs: {artifact: "${{ result.outputs.artifact }}"}
          - id: test
            needs: [build]
            run: make test
          - id: package
            needs: [test]
            run: make package ${{ steps.build.outputs.artifact }}
        """;

    [Fact]
    public async Task Retrying_a_failed_run_runs_the_failed_step_and_what_it_skipped_again_and_keeps_the_succeeded_step_and_its_outputs()
    {
        await using var server = await ApiServer.StartAsync(output);
        await server.ApplyAsync(Pipeline);
        var runner = await InProcessRunner.ConnectAsync(server, "api-runner");
        var run = await server.StartAsync("pipeline");
        var build = await runner.TakeOfferAsync();
        await server.SucceedAsync(build, new Dictionary<string, string> { ["artifact"] = "out/app" });
        await server.FailAsync(await runner.TakeOfferAsync());
        var failed = await server.WaitForRunAsync(run.Id, r => r.Run.State == RunState.Failed);
        Assert.Equal([StepState.Succeeded, StepState.Failed, StepState.Skipped], failed.Steps.Select(s => s.State));

        var retried = (await server.Runs.RetryRunAsync(new RetryRunRequest { RunId = run.Id }, cancellationToken: server.Ct)).Run;

        Assert.Equal((RunState.Queued, 2), (retried.State, retried.RunAttempt));
        var test = await runner.TakeOfferAsync();
        Assert.Equal(("test", 2), (test.StepKey, test.AttemptNumber));
        await server.SucceedAsync(test);
        var package = await runner.TakeOfferAsync();
        Assert.Equal(("package", 1), (package.StepKey, package.AttemptNumber));
        await server.SucceedAsync(package);
        var done = await server.WaitForRunAsync(run.Id, r => r.Run.State == RunState.Succeeded);
        Assert.Equal(2, done.Run.RunAttempt);
        Assert.Equal([[1], [1, 2], [1]], done.Steps.Select(s => s.Attempts.Select(a => a.Number).ToArray()));
        Assert.Equal("out/app", done.Steps[0].Outputs["artifact"]);
        Assert.Equal([AttemptState.Failed, AttemptState.Succeeded], done.Steps[1].Attempts.Select(a => a.State));
    }

    [Fact]
    public async Task Retrying_a_succeeded_run_with_all_steps_runs_every_step_again_and_without_it_is_refused()
    {
        await using var server = await ApiServer.StartAsync(output);
        await server.ApplyAsync(Pipeline);
        var runner = await InProcessRunner.ConnectAsync(server, "api-runner");
        var run = await server.StartAsync("pipeline");
        await server.SucceedAsync(await runner.TakeOfferAsync(), new Dictionary<string, string> { ["artifact"] = "first" });
        await server.SucceedAsync(await runner.TakeOfferAsync());
        await server.SucceedAsync(await runner.TakeOfferAsync());
        await server.WaitForRunAsync(run.Id, r => r.Run.State == RunState.Succeeded);

        var refused = await Assert.ThrowsAsync<RpcException>(() => server.Runs.RetryRunAsync(new RetryRunRequest { RunId = run.Id }, cancellationToken: server.Ct).ResponseAsync);
        var retried = (await server.Runs.RetryRunAsync(new RetryRunRequest { RunId = run.Id, AllSteps = true }, cancellationToken: server.Ct)).Run;

        Assert.Equal((StatusCode.FailedPrecondition, $"Run {run.Id} succeeded: there is nothing to retry unless all_steps is set."), (refused.StatusCode, refused.Status.Detail));
        Assert.Equal((RunState.Queued, 2), (retried.State, retried.RunAttempt));
        var again = new List<(string, int)>();
        var build = await runner.TakeOfferAsync();
        again.Add((build.StepKey, build.AttemptNumber));
        await server.SucceedAsync(build, new Dictionary<string, string> { ["artifact"] = "second" });
        for (var i = 0; i < 2; i++)
        {
            var offer = await runner.TakeOfferAsync();
            again.Add((offer.StepKey, offer.AttemptNumber));
            await server.SucceedAsync(offer);
        }

        Assert.Equal([("build", 2), ("test", 2), ("package", 2)], again);
        var done = await server.WaitForRunAsync(run.Id, r => r.Run.State == RunState.Succeeded);
        Assert.Equal("second", done.Steps[0].Outputs["artifact"]);
    }

    [Fact]
    public async Task A_retried_run_gets_the_steps_retry_budget_whole_again()
    {
        await using var server = await ApiServer.StartAsync(output);
        await server.ApplyAsync("""
            name: flaky
            steps:
              - id: only
                retry: {attempts: 2, initial_backoff: 10ms, on: [exit_code]}
                run: ./flaky.sh
            """);
        var runner = await InProcessRunner.ConnectAsync(server, "api-runner");
        var run = await server.StartAsync("flaky");
        await server.FailAsync(await runner.TakeOfferAsync());
        await server.FailAsync(await runner.TakeOfferAsync());
        await server.WaitForRunAsync(run.Id, r => r.Run.State == RunState.Failed);

        await server.Runs.RetryRunAsync(new RetryRunRequest { RunId = run.Id }, cancellationToken: server.Ct);
        var third = await runner.TakeOfferAsync();
        await server.FailAsync(third);
        var fourth = await runner.TakeOfferAsync();
        await server.SucceedAsync(fourth);

        Assert.Equal((3, 4), (third.AttemptNumber, fourth.AttemptNumber));
        var done = await server.WaitForRunAsync(run.Id, r => r.Run.State == RunState.Succeeded);
        Assert.Equal([AttemptState.Failed, AttemptState.Failed, AttemptState.Failed, AttemptState.Succeeded], done.Steps[0].Attempts.Select(a => a.State));
    }

    [Fact]
    public async Task Retrying_a_running_run_is_refused_and_changes_nothing()
    {
        await using var server = await ApiServer.StartAsync(output);
        await server.ApplyAsync(Samples.OneStep("solo"));
        var runner = await InProcessRunner.ConnectAsync(server, "api-runner");
        var run = await server.StartAsync("solo");
        await runner.TakeOfferAsync();

        var refused = await Assert.ThrowsAsync<RpcException>(() => server.Runs.RetryRunAsync(new RetryRunRequest { RunId = run.Id, AllSteps = true }, cancellationToken: server.Ct).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Equal($"Run {run.Id} is running: only a failed or cancelled run (or a succeeded one with all_steps) can be retried.", refused.Status.Detail);
        var shown = await server.GetRunAsync(run.Id);
        Assert.Equal((RunState.Running, 1, StepState.Running), (shown.Run.State, shown.Run.RunAttempt, shown.Steps.Single().State));
    }

    [Fact]
    public async Task An_unknown_run_is_not_found_and_a_missing_id_is_invalid()
    {
        await using var server = await ApiServer.StartAsync(output);

        var unknown = await Assert.ThrowsAsync<RpcException>(() => server.Runs.RetryRunAsync(new RetryRunRequest { RunId = 999 }, cancellationToken: server.Ct).ResponseAsync);
        var missing = await Assert.ThrowsAsync<RpcException>(() => server.Runs.RetryRunAsync(new RetryRunRequest(), cancellationToken: server.Ct).ResponseAsync);

        Assert.Equal((StatusCode.NotFound, "There is no run 999."), (unknown.StatusCode, unknown.Status.Detail));
        Assert.Equal(StatusCode.InvalidArgument, missing.StatusCode);
    }

    [Fact]
    public async Task A_cancelled_run_is_retried_with_its_cancelled_steps_and_succeeds_as_its_second_run_attempt()
    {
        await using var server = await ApiServer.StartAsync(output);
        await server.ApplyAsync(Pipeline);
        var run = await server.StartAsync("pipeline");
        await server.WaitForRunAsync(run.Id, r => r.Steps[0].State == StepState.Ready);
        await server.Runs.CancelRunAsync(new CancelRunRequest { RunId = run.Id }, cancellationToken: server.Ct);
        var cancelled = await server.WaitForRunAsync(run.Id, r => r.Run.State == RunState.Cancelled);
        Assert.All(cancelled.Steps, s => Assert.Equal(StepState.Cancelled, s.State));

        var retried = (await server.Runs.RetryRunAsync(new RetryRunRequest { RunId = run.Id }, cancellationToken: server.Ct)).Run;
        var runner = await InProcessRunner.ConnectAsync(server, "api-runner");
        var offers = new List<(string, int)>();
        for (var i = 0; i < 3; i++)
        {
            var offer = await runner.TakeOfferAsync();
            offers.Add((offer.StepKey, offer.AttemptNumber));
            await server.SucceedAsync(offer, new Dictionary<string, string> { ["artifact"] = "a" });
        }

        Assert.Equal((RunState.Queued, 2), (retried.State, retried.RunAttempt));
        Assert.Equal([("build", 1), ("test", 1), ("package", 1)], offers);
        var done = await server.WaitForRunAsync(run.Id, r => r.Run.State == RunState.Succeeded);
        Assert.Equal(2, done.Run.RunAttempt);
        Assert.All(done.Steps, s => Assert.Equal(StepState.Succeeded, s.State));
    }
}
