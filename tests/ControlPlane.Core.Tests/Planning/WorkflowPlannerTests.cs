using ControlPlane.Core.Definitions;
using ControlPlane.Core.Diagnostics;
using ControlPlane.Core.Planning;
using ControlPlane.Core.Tests.Support;

namespace ControlPlane.Core.Tests.Planning;

public class WorkflowPlannerTests
{
    private static WorkflowPlan Plan(string text, Dictionary<string, string>? inputs = null) =>
        WorkflowPlanner.Plan(TestWorkflows.Load(text), inputs);

    [Fact]
    public void A_matrix_step_expands_into_keyed_steps_with_values_substituted()
    {
        var plan = Plan("""
            steps:
              - id: test
                name: test on ${{ matrix.os }}
                matrix:
                  os: [linux, mac]
                  node: [18, 20]
                  exclude:
                    - {os: mac, node: 18}
                runs_on: ["${{ matrix.os }}"]
                run: node${{ matrix.node }} test.js
            """);

        Assert.Equal(["test[os=linux,node=18]", "test[os=linux,node=20]", "test[os=mac,node=20]"], plan.Steps.Select(s => s.Key));
        var mac = plan.Find("test[os=mac,node=20]")!;
        Assert.Equal("test on mac", mac.Name);
        Assert.Equal(["mac"], mac.RunsOn);
        Assert.Equal(new RunAction("node20 test.js", ShellKind.Bash), mac.Action);
        Assert.Equal(new MatrixStrategy(3, null, true), mac.Strategy);
    }

    [Fact]
    public void Include_entries_add_values_and_combinations_to_the_plan()
    {
        var plan = Plan("""
            steps:
              - id: build
                matrix:
                  os: [linux, mac]
                  include:
                    - {os: mac, arch: arm64}
                    - {os: windows, shell: pwsh}
                run: build --arch=${{ matrix.arch }}
            """);

        Assert.Equal(["build[os=linux]", "build[os=mac,arch=arm64]", "build[os=windows,shell=pwsh]"], plan.Steps.Select(s => s.Key));
        Assert.Equal("build --arch=arm64", ((RunAction)plan.Find("build[os=mac,arch=arm64]")!.Action).Script);
        Assert.Equal("build --arch=", ((RunAction)plan.Find("build[os=linux]")!.Action).Script);
    }

    [Fact]
    public void Needing_a_matrix_step_means_needing_every_expansion()
    {
        var plan = Plan("""
            steps:
              - {id: test, matrix: {shard: [1, 2, 3]}, run: echo}
              - {id: report, needs: test, run: echo}
            """);

        Assert.Equal(["test[shard=1]", "test[shard=2]", "test[shard=3]"], plan.Find("report")!.Needs);
    }

    [Fact]
    public void Levels_follow_kahn_in_file_order()
    {
        var plan = Plan("""
            steps:
              - {id: c, needs: [a, b], run: echo}
              - {id: b, needs: a, run: echo}
              - {id: a, run: echo}
              - {id: d, run: echo}
            """);

        Assert.Equal([["a", "d"], ["b"], ["c"]], plan.Levels);
        Assert.Equal(["a", "d", "b", "c"], plan.Steps.Select(s => s.Key));
        Assert.Equal([0, 0, 1, 2], plan.Steps.Select(s => s.Level));
    }

    [Fact]
    public void Groups_become_needs_in_the_plan()
    {
        var plan = Plan("""
            steps:
              - sequence:
                  - {id: build, run: echo}
                  - parallel:
                      - {id: unit, run: echo}
                      - {id: lint, run: echo}
                  - {id: ship, run: echo}
            """);

        Assert.Equal([["build"], ["unit", "lint"], ["ship"]], plan.Levels);
        Assert.Equal(["unit", "lint"], plan.Find("ship")!.Needs);
    }

    [Fact]
    public void Defaults_fill_in_what_a_step_leaves_out()
    {
        var plan = Plan("""
            env: {STAGE: ci, LEVEL: workflow}
            defaults:
              timeout: 10m
              runs_on: [linux]
              retry: {attempts: 3, initial_backoff: 5s}
            steps:
              - id: a
                run: echo
              - id: b
                run: echo
                timeout: 1m
                runs_on: gpu
                env: {LEVEL: step}
                retry: {initial_backoff: 1s, on: [timeout]}
            """);

        var a = plan.Find("a")!;
        Assert.Equal((TimeSpan.FromMinutes(10), "linux"), (a.Timeout, string.Join(",", a.RunsOn)));
        Assert.Equal((3, TimeSpan.FromSeconds(5), RetryConditions.All), (a.Retry.Attempts, a.Retry.InitialBackoff, a.Retry.On));
        var b = plan.Find("b")!;
        Assert.Equal((TimeSpan.FromMinutes(1), "gpu"), (b.Timeout, string.Join(",", b.RunsOn)));
        Assert.Equal((3, TimeSpan.FromSeconds(1), RetryConditions.Timeout), (b.Retry.Attempts, b.Retry.InitialBackoff, b.Retry.On));
        Assert.Equal("ci", b.Env["STAGE"]);
        Assert.Equal("step", b.Env["LEVEL"]);
    }

    [Fact]
    public void Without_defaults_a_step_gets_the_built_in_timeout_and_no_retry()
    {
        var step = Plan("steps:\n  - {id: a, run: echo}\n").Steps[0];

        Assert.Equal(StepDefaults.Timeout, step.Timeout);
        Assert.Equal(RetryPolicy.Default, step.Retry);
    }

    [Fact]
    public void Only_inputs_and_matrix_are_substituted_and_the_rest_waits_for_the_run()
    {
        var plan = Plan(
            """
            inputs:
              target: {default: staging}
            steps:
              - id: build
                run: echo
                outputs: {v: "${{ result.outputs.v }}"}
              - id: deploy
                needs: build
                run: deploy ${{ inputs.target }} ${{ steps.build.outputs.v }} $HOME ${{ env.HOME }}
            """,
            new() { ["target"] = "production" });

        Assert.Equal("deploy production ${{ steps.build.outputs.v }} $HOME ${{ env.HOME }}", ((RunAction)plan.Find("deploy")!.Action).Script);
    }

    [Fact]
    public void Docker_and_http_fields_are_substituted()
    {
        var plan = Plan("""
            inputs:
              tag: {default: "3.20"}
            steps:
              - id: a
                docker:
                  image: alpine:${{ inputs.tag }}
                  command: [echo, "${{ inputs.tag }}"]
              - id: b
                http:
                  url: https://example.com/v${{ inputs.tag }}
                  headers: {X-Tag: "${{ inputs.tag }}"}
            """);

        var docker = (DockerAction)plan.Find("a")!.Action;
        Assert.Equal(("alpine:3.20", "echo 3.20"), (docker.Image, string.Join(' ', docker.Command!)));
        var http = (HttpAction)plan.Find("b")!.Action;
        Assert.Equal(("https://example.com/v3.20", "3.20"), (http.Url, http.Headers["X-Tag"]));
    }

    [Fact]
    public void Matrix_values_may_come_from_inputs()
    {
        var plan = Plan(
            "inputs:\n  primary: {default: eu}\nsteps:\n  - {id: sync, matrix: {region: [\"${{ inputs.primary }}\", us]}, run: echo}\n",
            new() { ["primary"] = "ap" });

        Assert.Equal(["sync[region=ap]", "sync[region=us]"], plan.Steps.Select(s => s.Key));
    }

    [Fact]
    public void Input_values_are_typed_and_defaults_apply()
    {
        var plan = Plan(
            """
            inputs:
              count: {type: number, default: 2}
              verbose: {type: bool}
              mode: {type: choice, options: [fast, full], default: fast}
            steps:
              - {id: a, run: "echo ${{ inputs.count }} ${{ inputs.verbose }} ${{ inputs.mode }}"}
            """,
            new() { ["verbose"] = "true" });

        Assert.Equal(2d, plan.Inputs["count"]);
        Assert.Equal(true, plan.Inputs["verbose"]);
        Assert.Equal("echo 2 true fast", ((RunAction)plan.Steps[0].Action).Script);
    }

    [Fact]
    public void Bad_inputs_are_all_reported_with_the_declaration_position()
    {
        var definition = TestWorkflows.Load("""
            inputs:
              count: {type: number}
              environment:
                type: choice
                options: [staging, production]
                required: true
              verbose: {type: bool}
            steps:
              - {id: a, run: echo}
            """);

        var result = WorkflowPlanner.TryPlan(definition, new Dictionary<string, string> { ["count"] = "many", ["verbos"] = "true", ["verbose"] = "yes" });

        Assert.Null(result.Plan);
        Assert.Equal(
            [
                "test.yaml: error CP2001 inputs.verbos: unknown input 'verbos'; did you mean 'verbose'?",
                "test.yaml:2:3: error CP2003 inputs.count: input 'count' must be a number, got 'many'",
                "test.yaml:3:3: error CP2002 inputs.environment: input 'environment' is required and has no default",
                "test.yaml:7:3: error CP2003 inputs.verbose: input 'verbose' must be true or false, got 'yes'",
            ],
            result.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void A_choice_outside_its_options_is_reported()
    {
        var definition = TestWorkflows.Load("inputs:\n  env: {type: choice, options: [staging, production]}\nsteps:\n  - {id: a, run: echo}\n");

        var exception = Assert.Throws<WorkflowValidationException>(() => WorkflowPlanner.Plan(definition, new Dictionary<string, string> { ["env"] = "prod" }));

        Assert.Equal(["test.yaml:2:3: error CP2004 inputs.env: input 'env' must be one of: staging, production; got 'prod'"], exception.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void A_matrix_value_that_fails_to_evaluate_is_a_plan_diagnostic()
    {
        var definition = TestWorkflows.Load("inputs:\n  list: {}\nsteps:\n  - {id: a, matrix: {x: [\"${{ fromJSON(inputs.list) }}\"]}, run: echo}\n");

        var result = WorkflowPlanner.TryPlan(definition, new Dictionary<string, string> { ["list"] = "[1" });

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.StartsWith("test.yaml:4:5: error CP2005 a: cannot evaluate '${{ fromJSON(inputs.list) }}': fromJSON: '[1' is not valid JSON", diagnostic.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Matrix_values_resolving_to_the_same_key_are_reported()
    {
        var definition = TestWorkflows.Load("inputs:\n  a: {default: x}\nsteps:\n  - {id: s, matrix: {v: [x, \"${{ inputs.a }}\"]}, run: echo}\n");

        var result = WorkflowPlanner.TryPlan(definition);

        Assert.Equal(["test.yaml:4:5: error CP2006 s[v=x]: the matrix produces 's[v=x]' 2 times; make the include entries or values distinct"], result.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void The_concurrency_key_is_evaluated_with_the_inputs()
    {
        var plan = Plan(
            "inputs:\n  env: {default: staging}\nconcurrency: {key: \"deploy-${{ inputs.env }}\", on_conflict: cancel_older}\nsteps:\n  - {id: a, run: echo}\n",
            new() { ["env"] = "prod" });

        Assert.Equal("deploy-prod", plan.ConcurrencyKey);
        Assert.Equal(ConflictBehavior.CancelOlder, plan.Concurrency!.OnConflict);
    }

    [Fact]
    public void The_plan_carries_the_definition_hash()
    {
        var definition = TestWorkflows.Load("steps:\n  - {id: a, run: echo}\n");

        Assert.Equal(ControlPlane.Core.Definitions.Identity.WorkflowContentHash.Compute(definition), WorkflowPlanner.Plan(definition).DefinitionHash);
    }
}
