using ControlPlane.Core.Diagnostics;
using ControlPlane.Core.Runs;
using ControlPlane.Core.Scheduling;
using ControlPlane.Core.Steps;
using ControlPlane.Server.Queries;
using ControlPlane.Server.Scheduling.Runs;
using ControlPlane.Server.Tests.Scheduling.Support;

namespace ControlPlane.Server.Tests.Scheduling;

public class WorkflowApplierTests
{
    private const string Build = """
        name: build
        inputs:
          version: {type: string, default: "1.0"}
        timeout: 30m
        steps:
          - id: compile
            run: make VERSION=${{ inputs.version }}
          - id: test
            needs: [compile]
            matrix:
              os: [linux, mac]
            runs_on: ["${{ matrix.os }}"]
            run: make test
        """;

    [Fact]
    public async Task Applying_the_same_content_again_even_reformatted_is_the_same_revision()
    {
        await using var harness = await SchedulerHarness.StartAsync();

        var first = (await harness.Applier.ApplyAsync("build.yaml", Build, harness.Ct)).Revision;
        var reformatted = (await harness.Applier.ApplyAsync("build.yaml", "# a comment\n" + Build.Replace("[linux, mac]", "\n                - linux\n                - mac", StringComparison.Ordinal), harness.Ct)).Revision;
        var changed = (await harness.Applier.ApplyAsync("build.yaml", Build.Replace("make test", "make check", StringComparison.Ordinal), harness.Ct)).Revision;

        Assert.Equal(first.Id, reformatted.Id);
        Assert.NotEqual(first.Id, changed.Id);
        Assert.StartsWith("sha256:", first.ContentHash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_file_is_refused_with_its_diagnostics_and_nothing_is_saved()
    {
        await using var harness = await SchedulerHarness.StartAsync();

        var error = await Assert.ThrowsAsync<WorkflowValidationException>(() => harness.Applier.ApplyAsync("bad.yaml", "name: bad\nsteps:\n  - id: a\n    needs: [missing]\n    run: x\n", harness.Ct));

        Assert.Contains(error.Diagnostics, d => d.IsError && d.Location.File == "bad.yaml");
        Assert.Empty(await harness.ReadAsync(unit => unit.Workflows.ListAsync(harness.Ct)));
    }

    [Fact]
    public async Task Starting_a_run_writes_the_queued_run_and_all_its_pending_steps_with_their_specs()
    {
        await using var harness = await SchedulerHarness.StartAsync();
        await harness.ApplyAsync(Build);

        var launch = await harness.Launcher.StartAsync("build", null, new Dictionary<string, string> { ["version"] = "2.0" }, null, 3, harness.Ct);

        var run = launch.Run;
        Assert.Equal((RunState.Queued, 3, TimeSpan.FromMinutes(30), """{"version":"2.0"}"""), (run.State, run.Priority, run.Timeout, run.InputsJson));
        var steps = await harness.StepsAsync(run.Id);
        Assert.Equal(["compile", "test[os=linux]", "test[os=mac]"], steps.Select(s => s.Key));
        Assert.All(steps, s => Assert.Equal(StepState.Pending, s.State));
        Assert.Equal(["compile"], steps[1].Needs);
        Assert.Equal("test", steps[2].MatrixGroup);
        var spec = StepSpecJson.Deserialize(steps[0].SpecJson);
        Assert.Equal(new Core.Definitions.RunAction("make VERSION=2.0", Core.Definitions.ShellKind.Bash), spec.Action);
        Assert.Equal(["mac"], StepSpecJson.Deserialize(steps[2].SpecJson).RunsOn);
    }

    [Fact]
    public async Task Bad_inputs_and_unknown_workflows_are_refused_before_anything_is_written()
    {
        await using var harness = await SchedulerHarness.StartAsync();
        await harness.ApplyAsync(Build);

        await Assert.ThrowsAsync<WorkflowValidationException>(() => harness.StartRunAsync("build", new() { ["nope"] = "1" }));
        await Assert.ThrowsAsync<WorkflowNotFoundException>(() => harness.StartRunAsync("missing"));

        Assert.Empty(await harness.ReadAsync(unit => unit.Runs.ListActiveAsync(harness.Ct)));
    }
}
