using ControlPlane.Cli.Tests.Support;
using ControlPlane.Contracts.V1;

namespace ControlPlane.Cli.Tests.Commands;

[Collection(ControlPlaneCollection.Name)]
public sealed class RunCommandTests(ControlPlaneFixture fixture)
{
    [Fact]
    public async Task Run_wait_on_a_succeeding_workflow_exits_0_and_says_it_succeeded()
    {
        var result = await fixture.CpctlAsync("run", "cli-ok", "--wait");

        Assert.True(result.ExitCode == 0, $"{result}\n{fixture.Transcript}");
        Assert.Matches(@"run \d+ started \(workflow cli-ok revision \d+", result.StandardOutput);
        Assert.Matches(@"run \d+ succeeded after", result.StandardOutput);
    }

    [Fact]
    public async Task Run_wait_on_a_failing_workflow_exits_1_naming_the_failed_step()
    {
        var result = await fixture.CpctlAsync("run", "cli-fail", "--wait");

        Assert.True(result.ExitCode == 1, $"{result}\n{fixture.Transcript}");
        Assert.Matches(@"run \d+ failed after .*: boom", result.StandardOutput);
    }

    [Fact]
    public async Task Run_follow_streams_every_steps_log_prefixed_with_its_key_then_exits_like_wait()
    {
        var result = await fixture.CpctlAsync("run", "cli-ok", "-i", "greeting=howdy", "--follow");

        Assert.True(result.ExitCode == 0, $"{result}\n{fixture.Transcript}");
        var lines = result.StandardOutput.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Contains("first | howdy from first", lines);
        Assert.Contains("second | second line one", lines);
        Assert.True(lines.IndexOf("second | second line one") < lines.IndexOf("second | second line two"), result.ToString());
        Assert.True(lines.IndexOf("first | howdy from first") < lines.IndexOf("second | second line one"), result.ToString());
    }

    [Fact]
    public async Task Run_follow_of_a_failing_workflow_shows_its_output_and_exits_1()
    {
        var result = await fixture.CpctlAsync("run", "cli-fail", "--follow");

        Assert.True(result.ExitCode == 1, $"{result}\n{fixture.Transcript}");
        Assert.Contains("boom | about to fail", result.StandardOutput);
    }

    [Fact]
    public async Task Dry_run_prints_the_plan_and_starts_nothing()
    {
        var before = await ListAsync("cli-ok");

        var result = await fixture.CpctlAsync("run", "cli-ok", "--dry-run", "-i", "greeting=hi");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("workflow cli-ok", result.StandardOutput);
        Assert.Contains("2 steps in 2 levels", result.StandardOutput);
        Assert.Equal(before.Runs.Count, (await ListAsync("cli-ok")).Runs.Count);
    }

    [Fact]
    public async Task Cancel_stops_a_running_run()
    {
        var started = await fixture.CpctlAsync("run", "cli-slow");
        var runId = RunIds.FromStarted(started);
        await RunIds.WaitForAsync(fixture, runId, r => r.Steps[0].State == StepState.Running);

        var cancel = await fixture.CpctlAsync("cancel", runId.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(cancel.ExitCode == 0, cancel.ToString());
        Assert.Matches($@"run {runId} cancell(ing|ed)", cancel.StandardOutput);
        var final = await RunIds.WaitForAsync(fixture, runId, r => r.Run.State == RunState.Cancelled);
        Assert.Equal(StepState.Cancelled, final.Steps[0].State);
    }

    [Fact]
    public async Task Starting_an_unknown_workflow_exits_1_with_one_line()
    {
        var result = await fixture.CpctlAsync("run", "no-such-workflow");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("cpctl: ", line);
        Assert.Contains("no-such-workflow", line);
    }

    [Fact]
    public async Task An_input_the_workflow_does_not_declare_is_refused_with_its_diagnostic()
    {
        var result = await fixture.CpctlAsync("run", "cli-ok", "-i", "colour=blue");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.StartsWith("cpctl: ", result.ErrorLines[0]);
        Assert.Contains(result.ErrorLines, l => l.Contains("colour", StringComparison.Ordinal));
    }

    private async Task<ListRunsResponse> ListAsync(string workflow)
    {
        var result = await fixture.CpctlAsync("runs", "list", "--workflow", workflow, "--limit", "1000", "-o", "json");
        Assert.True(result.ExitCode == 0, result.ToString());
        return ListRunsResponse.Parser.ParseJson(result.StandardOutput);
    }
}
