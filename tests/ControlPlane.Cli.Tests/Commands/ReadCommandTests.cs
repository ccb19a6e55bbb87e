using System.Globalization;
using ControlPlane.Cli.Tests.Support;
using ControlPlane.Contracts.V1;

namespace ControlPlane.Cli.Tests.Commands;

[Collection(ControlPlaneCollection.Name)]
public sealed class ReadCommandTests(ControlPlaneFixture fixture)
{
    [Fact]
    public async Task Runs_list_shows_the_newest_run_first_as_a_table_and_as_json()
    {
        var runId = await RunToEndAsync("cli-ok");

        var table = await fixture.CpctlAsync("runs", "list", "--workflow", "cli-ok", "--state", "succeeded", "--since", "1h");
        var json = await fixture.CpctlAsync("runs", "list", "--workflow", "cli-ok", "-o", "json");

        Assert.True(table.ExitCode == 0, table.ToString());
        var lines = table.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^RUN\s+WORKFLOW\s+REVISION\s+STATE\s+ATTEMPT\s+CREATED\s+DURATION$", lines[0]);
        Assert.Matches($@"^{runId}\s+cli-ok\s+\d+\s+succeeded\s+1\s", lines[1]);
        Assert.True(json.ExitCode == 0, json.ToString());
        var listed = ListRunsResponse.Parser.ParseJson(json.StandardOutput);
        Assert.Equal(runId, listed.Runs[0].Id);
        Assert.All(listed.Runs, r => Assert.Equal("cli-ok", r.WorkflowName));
    }

    [Fact]
    public async Task Runs_get_shows_every_step_with_its_state_attempt_runner_and_exit_code()
    {
        var runId = await RunToEndAsync("cli-fail");
        var id = runId.ToString(CultureInfo.InvariantCulture);

        var table = await fixture.CpctlAsync("runs", "get", id);
        var json = await fixture.CpctlAsync("runs", "get", id, "--output=json");

        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains($"run {runId}: workflow cli-fail revision", table.StandardOutput);
        Assert.Matches(@"(?m)^STEP\s+STATE\s+ATTEMPT\s+RUNNER\s+EXIT\s+DURATION\s+DETAIL$", table.StandardOutput);
        Assert.Matches(@"(?m)^boom\s+failed\s+1\s+cli-runner\s+3\s", table.StandardOutput);
        var run = GetRunResponse.Parser.ParseJson(json.StandardOutput);
        Assert.Equal(RunState.Failed, run.Run.State);
        Assert.Equal(3, run.Steps.Single().ExitCode);
    }

    [Fact]
    public async Task Runs_get_of_an_unknown_run_exits_1_with_one_line()
    {
        var result = await fixture.CpctlAsync("runs", "get", "999999");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("cpctl: ", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task Logs_without_a_step_prints_every_steps_log_in_plan_order_prefixed_with_its_key()
    {
        var runId = await RunToEndAsync("cli-ok");

        var result = await fixture.CpctlAsync("logs", runId.ToString(CultureInfo.InvariantCulture));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            ["first | hello from first", "second | second line one", "second | second line two"],
            result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Logs_of_one_step_prints_its_output_as_written()
    {
        var runId = await RunToEndAsync("cli-ok");

        var result = await fixture.CpctlAsync("logs", runId.ToString(CultureInfo.InvariantCulture), "second", "--attempt", "1");
        var followed = await fixture.CpctlAsync("logs", runId.ToString(CultureInfo.InvariantCulture), "second", "-f");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("second line one\nsecond line two\n", result.StandardOutput);
        Assert.Equal(result.StandardOutput, followed.StandardOutput);
    }

    [Fact]
    public async Task Logs_of_an_unknown_step_exits_1()
    {
        var runId = await RunToEndAsync("cli-ok");

        var result = await fixture.CpctlAsync("logs", runId.ToString(CultureInfo.InvariantCulture), "nope");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("cpctl: ", Assert.Single(result.ErrorLines));
    }

    private async Task<long> RunToEndAsync(string workflow)
    {
        var result = await fixture.CpctlAsync("run", workflow, "--wait");
        Assert.True(result.ExitCode is 0 or 1, $"{result}\n{fixture.Transcript}");
        return RunIds.FromStarted(result);
    }
}
