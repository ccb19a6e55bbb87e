using System.Text;
using ControlPlane.Contracts.V1;
using ControlPlane.Server.Tests.Api.Support;
using Grpc.Core;
using Xunit.Abstractions;
using CoreLogStream = ControlPlane.Core.Logs.LogStream;

namespace ControlPlane.Server.Tests.Api;

public sealed class StreamLogsTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_stored_log_is_streamed_from_the_requested_offset_with_its_streams_and_then_ends()
    {
        await using var server = await ApiServer.StartAsync(output);
        var (runner, run) = await StartOneStepRunAsync(server);
        var offer = await runner.TakeOfferAsync();
        await runner.AppendLogAsync(offer, 0, CoreLogStream.Stdout, "hello\n");
        await runner.AppendLogAsync(offer, 6, CoreLogStream.Stderr, "oops\n");

        var pieces = await ReadAllAsync(server, new StreamLogsRequest { RunId = run.Id, StepKey = "only", Offset = 2 });

        Assert.Equal([(2L, LogStream.Stdout, "llo\n"), (6L, LogStream.Stderr, "oops\n")], pieces.Select(p => (p.Offset, p.Stream, p.Data.ToStringUtf8())));
        Assert.All(pieces, p => Assert.Equal((offer.AttemptId.Value, 1), (p.AttemptId, p.AttemptNumber)));
    }

    [Fact]
    public async Task Following_sends_bytes_as_they_are_stored_and_ends_once_the_attempt_ended_and_its_log_is_complete()
    {
        await using var server = await ApiServer.StartAsync(output);
        var (runner, run) = await StartOneStepRunAsync(server);
        var offer = await runner.TakeOfferAsync();
        await runner.AppendLogAsync(offer, 0, CoreLogStream.Stdout, "one\n");

        using var call = server.Runs.StreamLogs(new StreamLogsRequest { RunId = run.Id, StepKey = "only", Follow = true }, cancellationToken: server.Ct);
        var stream = call.ResponseStream;
        Assert.True(await stream.MoveNext(server.Ct));
        Assert.Equal("one\n", stream.Current.Data.ToStringUtf8());

        // Only now is the second piece stored: the open stream must pick it up.
        await runner.AppendLogAsync(offer, 4, CoreLogStream.Stdout, "two\n");
        Assert.True(await stream.MoveNext(server.Ct));
        Assert.Equal((4L, "two\n"), (stream.Current.Offset, stream.Current.Data.ToStringUtf8()));

        await runner.AppendLogAsync(offer, 8, CoreLogStream.System, "done\n");
        await runner.FinishAsync(offer, 0, "one\ntwo\ndone\n");
        var rest = new StringBuilder();
        while (await stream.MoveNext(server.Ct))
        {
            rest.Append(stream.Current.Data.ToStringUtf8());
        }

        Assert.Equal("done\n", rest.ToString());
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
        var attempt = (await server.GetRunAsync(run.Id)).Steps.Single().Attempts.Single();
        Assert.Equal((AttemptState.Succeeded, 13L, true, 0), (attempt.State, attempt.LogBytes, attempt.LogComplete, attempt.ExitCode));
        Assert.Equal("api-runner", attempt.RunnerName);
    }

    [Fact]
    public async Task Following_a_finished_attempt_with_a_complete_log_ends_after_the_stored_bytes()
    {
        await using var server = await ApiServer.StartAsync(output);
        var (runner, run) = await StartOneStepRunAsync(server);
        var offer = await runner.TakeOfferAsync();
        await runner.AppendLogAsync(offer, 0, CoreLogStream.Stdout, "all of it\n");
        await runner.FinishAsync(offer, 3, "all of it\n");

        var pieces = await ReadAllAsync(server, new StreamLogsRequest { RunId = run.Id, StepKey = "only", AttemptNumber = 1, Follow = true });

        Assert.Equal("all of it\n", string.Concat(pieces.Select(p => p.Data.ToStringUtf8())));
        var shown = await server.WaitForRunAsync(run.Id, r => r.Run.State == RunState.Failed);
        Assert.Equal((3, FailureClass.ExitCode), (shown.Steps[0].Attempts[0].ExitCode, shown.Steps[0].Attempts[0].FailureClass));
    }

    [Fact]
    public async Task Without_a_number_the_latest_attempt_is_streamed_and_an_earlier_one_by_its_number()
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
        var first = await runner.TakeOfferAsync();
        await runner.AppendLogAsync(first, 0, CoreLogStream.Stdout, "first try\n");
        await runner.FinishAsync(first, 1, "first try\n");
        var second = await runner.TakeOfferAsync();
        await runner.AppendLogAsync(second, 0, CoreLogStream.Stdout, "second try\n");

        var latest = await ReadAllAsync(server, new StreamLogsRequest { RunId = run.Id, StepKey = "only" });
        var earlier = await ReadAllAsync(server, new StreamLogsRequest { RunId = run.Id, StepKey = "only", AttemptNumber = 1 });
        var missing = await Assert.ThrowsAsync<RpcException>(() => ReadAllAsync(server, new StreamLogsRequest { RunId = run.Id, StepKey = "only", AttemptNumber = 3 }));

        Assert.Equal((2, "second try\n"), (latest.Single().AttemptNumber, latest.Single().Data.ToStringUtf8()));
        Assert.Equal((1, "first try\n"), (earlier.Single().AttemptNumber, earlier.Single().Data.ToStringUtf8()));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_step_without_attempts_an_unknown_step_and_an_unknown_run_are_not_found()
    {
        await using var server = await ApiServer.StartAsync(output);
        await server.ApplyAsync(Samples.OneStep("solo"));
        var run = await server.StartAsync("solo");

        var noAttempt = await Assert.ThrowsAsync<RpcException>(() => ReadAllAsync(server, new StreamLogsRequest { RunId = run.Id, StepKey = "only" }));
        var noStep = await Assert.ThrowsAsync<RpcException>(() => ReadAllAsync(server, new StreamLogsRequest { RunId = run.Id, StepKey = "nope" }));
        var noRun = await Assert.ThrowsAsync<RpcException>(() => ReadAllAsync(server, new StreamLogsRequest { RunId = 999, StepKey = "only" }));
        var badOffset = await Assert.ThrowsAsync<RpcException>(() => ReadAllAsync(server, new StreamLogsRequest { RunId = run.Id, StepKey = "only", Offset = -1 }));

        Assert.Equal(StatusCode.NotFound, noAttempt.StatusCode);
        Assert.Contains("not been offered", noAttempt.Status.Detail, StringComparison.Ordinal);
        Assert.Equal((StatusCode.NotFound, $"There is no step 'nope' in run {run.Id}."), (noStep.StatusCode, noStep.Status.Detail));
        Assert.Equal((StatusCode.NotFound, "There is no run 999."), (noRun.StatusCode, noRun.Status.Detail));
        Assert.Equal((StatusCode.InvalidArgument, "offset: must not be negative, not -1"), (badOffset.StatusCode, badOffset.Status.Detail));
    }

    private static async Task<(InProcessRunner Runner, Run Run)> StartOneStepRunAsync(ApiServer server)
    {
        await server.ApplyAsync(Samples.OneStep("solo"));
        var runner = await InProcessRunner.ConnectAsync(server, "api-runner");
        return (runner, await server.StartAsync("solo"));
    }

    private static async Task<List<StreamLogsResponse>> ReadAllAsync(ApiServer server, StreamLogsRequest request)
    {
        using var call = server.Runs.StreamLogs(request, cancellationToken: server.Ct);
        var pieces = new List<StreamLogsResponse>();
        while (await call.ResponseStream.MoveNext(server.Ct))
        {
            pieces.Add(call.ResponseStream.Current);
        }

        return pieces;
    }
}
