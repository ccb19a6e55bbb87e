using ControlPlane.Core.Definitions;
using ControlPlane.Core.Planning;
using ControlPlane.Core.Tests.Support;

namespace ControlPlane.Core.Tests.Examples;

/// <summary>Every file in examples/ loads and plans; these are the patterns the product promises to support.</summary>
public class ExampleWorkflowTests
{
    // Inputs an operator would have to give; everything else has defaults.
    private static readonly Dictionary<string, Dictionary<string, string>> RequiredInputs = new()
    {
        ["deploy-with-rollback.yaml"] = new() { ["version"] = "1.4.2" },
    };

    public static TheoryData<string> Files => new(Directory.GetFiles(TestWorkflows.ExamplesDirectory()).Select(Path.GetFileName).Order()!);

    [Theory]
    [MemberData(nameof(Files))]
    public void Example_loads_without_diagnostics_and_plans(string file)
    {
        var path = Path.Combine(TestWorkflows.ExamplesDirectory(), file);
        var result = WorkflowLoader.Validate(file, File.ReadAllText(path));

        Assert.True(result.Diagnostics.Count == 0, string.Join("\n", result.Diagnostics));
        var plan = WorkflowPlanner.Plan(result.Definition!, RequiredInputs.GetValueOrDefault(file));
        Assert.NotEmpty(plan.Steps);
        Assert.NotEmpty(PlanRenderer.Render(plan));
    }

    [Fact]
    public void Every_promised_pattern_has_an_example()
    {
        var files = Directory.GetFiles(TestWorkflows.ExamplesDirectory()).Select(Path.GetFileName);

        Assert.Superset(
            new HashSet<string?> { "ci.yaml", "deploy-with-rollback.yaml", "repo-sweep.yaml", "etl.yaml", "blue-green.yaml", "nested-build.yaml", "environments-loop.yaml", "scheduled.yaml" },
            files.ToHashSet());
    }

    [Fact]
    public void The_scheduled_example_fires_nightly_in_berlin_and_listens_for_a_filtered_webhook()
    {
        var triggers = Load("scheduled.yaml").Triggers;
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        var nightly = triggers.Schedules[0].Cron.NextAfter(new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero), berlin);

        Assert.Equal(new DateTimeOffset(2026, 7, 2, 0, 30, 0, TimeSpan.Zero), nightly);
        Assert.Equal("full", triggers.Schedules[1].Inputs["scope"]);
        Assert.Equal(("BACKUP_HOOK_SECRET", "event.action == 'backup'"), (triggers.Webhook!.Secret, triggers.Webhook.Filter));
    }

    [Fact]
    public void The_ci_example_runs_lint_build_and_test_together_then_packages()
    {
        var plan = WorkflowPlanner.Plan(Load("ci.yaml"));

        Assert.Equal([["lint", "build", "test"], ["package"]], plan.Levels);
        Assert.Equal("${{ result.outputs.artifact }}", plan.Find("build")!.Outputs["artifact"]);
    }

    [Fact]
    public void The_rollback_runs_only_after_a_failed_health_check()
    {
        var rollback = Load("deploy-with-rollback.yaml").FindStep("rollback")!;

        Assert.Equal(["health-check"], rollback.Needs);
        Assert.Contains("failure()", rollback.Condition, StringComparison.Ordinal);
    }

    [Fact]
    public void The_repo_sweep_fans_out_and_back_in()
    {
        var plan = WorkflowPlanner.Plan(Load("repo-sweep.yaml"));

        Assert.Equal(5, plan.Levels[0].Count);
        Assert.Equal(plan.Levels[0], plan.Find("summary")!.Needs);
    }

    [Fact]
    public void The_etl_transforms_run_in_parallel_between_extract_and_load()
    {
        Assert.Equal([["extract"], ["transform-orders", "transform-customers"], ["load"]], WorkflowPlanner.Plan(Load("etl.yaml")).Levels);
    }

    [Fact]
    public void The_environments_loop_runs_one_environment_at_a_time_and_stops_on_failure()
    {
        var plan = WorkflowPlanner.Plan(Load("environments-loop.yaml"));

        Assert.Equal(["deploy[environment=dev]", "deploy[environment=staging]", "deploy[environment=production]"], plan.Steps.Select(s => s.Key));
        Assert.All(plan.Steps, s => Assert.Equal(new MatrixStrategy(3, 1, true), s.Strategy));
    }

    [Fact]
    public void The_nested_build_expands_groups_into_needs()
    {
        var definition = Load("nested-build.yaml");

        Assert.Equal(["build-api", "build-web", "build-docs"], definition.FindStep("integration")!.Needs);
        Assert.Equal(["publish-images", "publish-docs"], definition.FindStep("announce")!.Needs);
    }

    private static WorkflowDefinition Load(string file) =>
        TestWorkflows.Load(File.ReadAllText(Path.Combine(TestWorkflows.ExamplesDirectory(), file)), file);
}
