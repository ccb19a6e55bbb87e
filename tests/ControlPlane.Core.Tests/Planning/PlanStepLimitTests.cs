using System.Diagnostics;
using System.Text;
using ControlPlane.Core.Definitions;
using ControlPlane.Core.Diagnostics;
using ControlPlane.Core.Planning;
using ControlPlane.Core.Tests.Support;

namespace ControlPlane.Core.Tests.Planning;

/// <summary>A run has at most <see cref="PlanLimits.MaxSteps"/> steps, counted before any step is built.</summary>
public class PlanStepLimitTests
{
    /// <summary><paramref name="steps"/> steps, each with a matrix of <paramref name="combinations"/> (a list of that many values).</summary>
    private static string MatrixSteps(int steps, int combinations)
    {
        var values = string.Join(", ", Enumerable.Range(0, combinations));
        var text = new StringBuilder("name: wide\nsteps:\n");
        for (var i = 0; i < steps; i++)
        {
            text.Append("  - id: s").Append(i).Append("\n    run: echo\n    matrix: {n: [").Append(values).Append("]}\n");
        }

        return text.ToString();
    }

    [Fact]
    public void A_plan_over_the_limit_is_refused_naming_its_count_the_limit_and_the_setting()
    {
        var definition = TestWorkflows.Load(MatrixSteps(steps: 50, combinations: 256));

        var result = WorkflowPlanner.TryPlan(definition);

        Assert.Null(result.Plan);
        Assert.Equal(["test.yaml:1:1: error CP2007 steps: the plan has 12,800 steps; the limit is 10,000 (Server:MaxStepsPerRun)"], result.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void A_plan_exactly_at_the_limit_is_planned()
    {
        var definition = TestWorkflows.Load(MatrixSteps(steps: 4, combinations: 25));

        var plan = WorkflowPlanner.Plan(definition, limits: new PlanLimits(100, "Test:Max"));

        Assert.Equal(100, plan.Steps.Count);
    }

    [Fact]
    public void The_limit_is_configurable_and_plain_steps_count_one_each()
    {
        var definition = TestWorkflows.Load(MatrixSteps(steps: 4, combinations: 25) + "  - {id: plain, run: echo}\n");

        var error = Assert.Throws<WorkflowValidationException>(() => WorkflowPlanner.Plan(definition, limits: new PlanLimits(100, "Test:Max")));

        Assert.Equal("test.yaml:1:1: error CP2007 steps: the plan has 101 steps; the limit is 100 (Test:Max)", Assert.Single(error.Diagnostics).ToString());
    }

    [Fact]
    public void Steps_an_input_removes_from_a_matrix_do_not_count()
    {
        var definition = TestWorkflows.Load("""
            inputs:
              skip: {type: string, default: none}
            steps:
              - id: t
                run: echo
                matrix:
                  os: [a, b, c, d]
                  exclude:
                    - os: ${{ inputs.skip }}
            """);

        Assert.Equal(3, WorkflowPlanner.Plan(definition, new Dictionary<string, string> { ["skip"] = "b" }, new PlanLimits(3, "Test:Max")).Steps.Count);
        var error = Assert.Throws<WorkflowValidationException>(() => WorkflowPlanner.Plan(definition, limits: new PlanLimits(3, "Test:Max")));
        Assert.Contains("the plan has 4 steps; the limit is 3 (Test:Max)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_thousand_cubed_matrix_is_refused_by_counting_not_by_building_it()
    {
        // Built directly, past the file limits, as any caller of the planner could.
        var values = Enumerable.Range(0, 1000).Select(i => (object)(double)i).ToList();
        var step = new StepDefinition
        {
            Id = "huge",
            Action = new RunAction("echo", ShellKind.Bash),
            Matrix = new MatrixDefinition { Axes = [new("a", values), new("b", values), new("c", values)] },
            Location = SourceLocation.FileOnly("api"),
        };
        var definition = new WorkflowDefinition { Name = "huge", Steps = [step], Location = SourceLocation.FileOnly("api") };
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();

        var result = WorkflowPlanner.TryPlan(definition);

        Assert.Null(result.Plan);
        Assert.Equal(
            "api: error CP2007 huge: the matrix of step 'huge' multiplies to 1,000,000,000 combinations before exclude; a run may have at most 10,000 steps (Server:MaxStepsPerRun)",
            Assert.Single(result.Diagnostics).ToString());
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - allocated, 0, 10_000_000);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void A_thousand_cubed_matrix_in_a_file_is_refused_while_loading()
    {
        var values = string.Join(", ", Enumerable.Range(0, 1000));
        var text = $"steps:\n  - id: t\n    run: echo\n    matrix:\n      a: [{values}]\n      b: [{values}]\n      c: [{values}]\n";

        var diagnostics = TestWorkflows.Diagnose(text);

        Assert.Equal(["test.yaml:4:5: error CP1301 steps[0].matrix: the matrix expands to 1,000,000,000 combinations before exclude, more than the limit of 256; remove values or exclude combinations"], diagnostics);
    }

    [Fact]
    public void Apply_can_count_a_plan_whose_matrices_are_written_out()
    {
        var definition = TestWorkflows.Load(MatrixSteps(steps: 40, combinations: 256));

        var diagnostics = PlanStepCount.CheckStatic(definition, PlanLimits.Default);

        Assert.Equal(["test.yaml:1:1: error CP2007 steps: the plan has 10,240 steps; the limit is 10,000 (Server:MaxStepsPerRun)"], diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void A_plan_whose_size_depends_on_inputs_is_left_to_run_start()
    {
        var definition = TestWorkflows.Load("""
            inputs:
              skip: {type: string, default: none}
            steps:
              - id: t
                run: echo
                matrix:
                  os: [a, b, c, d]
                  exclude: [{os: "${{ inputs.skip }}"}]
            """);

        Assert.Empty(PlanStepCount.CheckStatic(definition, new PlanLimits(3, "Test:Max")));
    }
}
