using ControlPlane.Contracts.V1;
using ControlPlane.Server.Api;
using ControlPlane.Server.Tests.Api.Support;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Xunit.Abstractions;

namespace ControlPlane.Server.Tests.Api;

public sealed class RunApiTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_started_run_shows_its_inputs_and_every_step_waiting_in_plan_order()
    {
        await using var server = await ApiServer.StartAsync(output);
        await server.ApplyAsync(Samples.Ci);

        var run = await server.StartAsync("ci", new() { ["version"] = "2.0.0" });
        var shown = await server.WaitForRunAsync(run.Id, r => r.Steps[0].State == StepState.Ready);

        Assert.Equal(RunState.Running, shown.Run.State);
        Assert.Equal("ci", shown.Run.WorkflowName);
        Assert.Equal(new Dictionary<string, string> { ["version"] = "2.0.0", ["level"] = "debug" }, shown.Run.Inputs);
        Assert.NotNull(shown.Run.StartedAt);
        Assert.Equal(["build", "test"], shown.Steps.Select(s => s.Key));
        Assert.Equal(StepState.Pending, shown.Steps[1].State);
        Assert.Equal(["build"], shown.Steps[1].Needs);
        Assert.Contains("no connected runner", shown.Steps[0].PendingReason, StringComparison.Ordinal);
        Assert.Empty(shown.Steps[0].Attempts);
        Assert.False(shown.Steps[0].HasExitCode);
    }

    [Fact]
    public async Task Inputs_that_do_not_fit_are_refused_naming_each_input()
    {
        await using var server = await ApiServer.StartAsync(output);
        await server.ApplyAsync(Samples.Ci);

        var error = await Assert.ThrowsAsync<RpcException>(() => server.StartAsync("ci", new() { ["level"] = "fast", ["colour"] = "red" }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("inputs.level", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("inputs.colour", error.Status.Detail, StringComparison.Ordinal);
        var status = Google.Rpc.Status.Parser.ParseFrom(error.Trailers.GetValueBytes(ApiErrors.StatusDetailsTrailer));
        var fields = status.Details.Single(d => d.Is(BadRequest.Descriptor)).Unpack<BadRequest>().FieldViolations.Select(v => v.Field);
        Assert.Equal(["inputs.colour", "inputs.level"], fields.Order());
        Assert.Empty((await server.Runs.ListRunsAsync(new ListRunsRequest())).Runs);
    }

    [Fact]
    public async Task The_same_idempotency_key_returns_the_same_run_and_refuses_a_different_request()
    {
        await using var server = await ApiServer.StartAsync(output);
        await server.ApplyAsync(Samples.Ci);
        var request = new StartRunRequest { WorkflowName = "ci", IdempotencyKey = "push-17", Inputs = { ["version"] = "1.0.0" } };

        var first = await server.Runs.StartRunAsync(request);
        var second = await server.Runs.StartRunAsync(request);
        request.Inputs["version"] = "1.0.1";
        var conflict = await Assert.ThrowsAsync<RpcException>(() => server.Runs.StartRunAsync(request).ResponseAsync);

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(first.Run.Id, second.Run.Id);
        Assert.Equal("push-17", second.Run.IdempotencyKey);
        Assert.Equal(StatusCode.AlreadyExists, conflict.StatusCode);
        Assert.Contains("push-17", conflict.Status.Detail, StringComparison.Ordinal);
        Assert.Single((await server.Runs.ListRunsAsync(new ListRunsRequest())).Runs);
    }

    [Fact]
    public async Task A_dry_run_returns_the_plan_and_stores_nothing()
    {
        await using var server = await ApiServer.StartAsync(output);
        await server.ApplyAsync(Samples.Ci);

        var dry = await server.Runs.StartRunAsync(new StartRunRequest { WorkflowName = "ci", DryRun = true, Inputs = { ["version"] = "3.1.4" } });

        Assert.Null(dry.Run);
        Assert.False(dry.Created);
        Assert.Contains("make build VERSION=3.1.4", dry.Plan, StringComparison.Ordinal);
        Assert.Contains("level 1", dry.Plan, StringComparison.Ordinal);
        Assert.Empty((await server.Runs.ListRunsAsync(new ListRunsRequest())).Runs);
    }

    [Fact]
    public async Task Runs_are_listed_newest_first_page_by_page()
    {
        await using var server = await ApiServer.StartAsync(output);
        await server.ApplyAsync(Samples.Ci);
        var started = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            started.Add((await server.StartAsync("ci")).Id);
        }

        var seen = new List<long>();
        var pages = 0;
        var request = new ListRunsRequest { PageSize = 2 };
        do
        {
            var page = await server.Runs.ListRunsAsync(request);
            seen.AddRange(page.Runs.Select(r => r.Id));
            request.PageToken = page.NextPageToken;
            pages++;
        }
        while (request.PageToken.Length > 0);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Reverse(started), seen);
    }

    [Fact]
    public async Task Runs_are_filtered_by_workflow_state_and_creation_time()
    {
        await using var server = await ApiServer.StartAsync(output);
        await server.ApplyAsync(Samples.Ci);
        await server.ApplyAsync(Samples.OneStep("other"));
        var ci = await server.StartAsync("ci");
        var cancelled = await server.StartAsync("ci");
        var other = await server.StartAsync("other");
        await server.Runs.CancelRunAsync(new CancelRunRequest { RunId = cancelled.Id });
        var future = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(1));

        var ofCi = await server.Runs.ListRunsAsync(new ListRunsRequest { WorkflowName = "ci" });
        var ofState = await server.Runs.ListRunsAsync(new ListRunsRequest { States = { RunState.Cancelled } });
        var afterFuture = await server.Runs.ListRunsAsync(new ListRunsRequest { CreatedAfter = future });
        var beforeFuture = await server.Runs.ListRunsAsync(new ListRunsRequest { CreatedBefore = future, CreatedAfter = ci.CreatedAt });

        Assert.Equal([cancelled.Id, ci.Id], ofCi.Runs.Select(r => r.Id));
        Assert.Equal([cancelled.Id], ofState.Runs.Select(r => r.Id));
        Assert.Empty(afterFuture.Runs);
        Assert.Equal([other.Id, cancelled.Id, ci.Id], beforeFuture.Runs.Select(r => r.Id));
    }

    [Fact]
    public async Task Bad_list_arguments_are_refused_naming_the_field()
    {
        await using var server = await ApiServer.StartAsync(output);

        var token = await Assert.ThrowsAsync<RpcException>(() => server.Runs.ListRunsAsync(new ListRunsRequest { PageToken = "42" }).ResponseAsync);
        var state = await Assert.ThrowsAsync<RpcException>(() => server.Runs.ListRunsAsync(new ListRunsRequest { States = { RunState.Running, RunState.Unspecified } }).ResponseAsync);
        var workflow = await Assert.ThrowsAsync<RpcException>(() => server.Runs.ListRunsAsync(new ListRunsRequest { WorkflowName = "nope" }).ResponseAsync);

        Assert.Equal((StatusCode.InvalidArgument, "page_token: '42' is not a token ListRuns returned"), (token.StatusCode, token.Status.Detail));
        Assert.Equal(StatusCode.InvalidArgument, state.StatusCode);
        Assert.StartsWith("states[1]:", state.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.NotFound, workflow.StatusCode);
    }

    [Fact]
    public async Task Cancelling_a_run_without_running_attempts_cancels_it_and_its_steps_at_once_and_again_changes_nothing()
    {
        await using var server = await ApiServer.StartAsync(output);
        await server.ApplyAsync(Samples.Ci);
        var run = await server.StartAsync("ci");

        var cancelled = await server.Runs.CancelRunAsync(new CancelRunRequest { RunId = run.Id });
        var again = await server.Runs.CancelRunAsync(new CancelRunRequest { RunId = run.Id });
        var shown = await server.GetRunAsync(run.Id);

        Assert.Equal(RunState.Cancelled, cancelled.Run.State);
        Assert.NotNull(cancelled.Run.FinishedAt);
        Assert.Equal(cancelled.Run, again.Run);
        Assert.All(shown.Steps, s => Assert.Equal(StepState.Cancelled, s.State));
        Assert.All(shown.Steps, s => Assert.StartsWith("cancelled", s.Outcome, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancelling_a_run_with_a_running_attempt_leaves_it_cancelling_until_its_runner_stops()
    {
        await using var server = await ApiServer.StartAsync(output);
        await server.ApplyAsync(Samples.OneStep("solo"));
        var runner = await InProcessRunner.ConnectAsync(server, "busy");
        var run = await server.StartAsync("solo");
        var offer = await runner.TakeOfferAsync();

        var cancelling = await server.Runs.CancelRunAsync(new CancelRunRequest { RunId = run.Id });
        var cancel = await runner.TakeCancelAsync();
        await runner.StoppedAsync(offer);
        var cancelled = await server.WaitForRunAsync(run.Id, r => r.Run.State == RunState.Cancelled);

        Assert.Equal(RunState.Cancelling, cancelling.Run.State);
        Assert.Equal(offer.AttemptId, cancel.AttemptId);
        var attempt = cancelled.Steps.Single().Attempts.Single();
        Assert.Equal((AttemptState.Cancelled, "busy", 130), (attempt.State, attempt.RunnerName, attempt.ExitCode));
        Assert.Equal(StepState.Cancelled, cancelled.Steps.Single().State);
    }

    [Fact]
    public async Task Unknown_runs_and_workflows_are_not_found()
    {
        await using var server = await ApiServer.StartAsync(output);
        await server.ApplyAsync(Samples.Ci);

        var get = await Assert.ThrowsAsync<RpcException>(() => server.GetRunAsync(999));
        var cancel = await Assert.ThrowsAsync<RpcException>(() => server.Runs.CancelRunAsync(new CancelRunRequest { RunId = 999 }).ResponseAsync);
        var start = await Assert.ThrowsAsync<RpcException>(() => server.StartAsync("nope"));
        var revision = await Assert.ThrowsAsync<RpcException>(() => server.Runs.StartRunAsync(new StartRunRequest { WorkflowName = "ci", RevisionId = 999 }).ResponseAsync);
        var noId = await Assert.ThrowsAsync<RpcException>(() => server.GetRunAsync(0));

        Assert.Equal((StatusCode.NotFound, "There is no run 999."), (get.StatusCode, get.Status.Detail));
        Assert.Equal(StatusCode.NotFound, cancel.StatusCode);
        Assert.Equal((StatusCode.NotFound, "Workflow 'nope' has not been applied."), (start.StatusCode, start.Status.Detail));
        Assert.Equal((StatusCode.NotFound, "Workflow 'ci' has no revision 999."), (revision.StatusCode, revision.Status.Detail));
        Assert.Equal(StatusCode.InvalidArgument, noId.StatusCode);
        Assert.StartsWith("run_id:", noId.Status.Detail, StringComparison.Ordinal);
    }
}
