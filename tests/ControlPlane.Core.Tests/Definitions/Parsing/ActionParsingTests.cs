using ControlPlane.Core.Definitions;
using ControlPlane.Core.Tests.Support;

namespace ControlPlane.Core.Tests.Definitions.Parsing;

public class ActionParsingTests
{
    [Fact]
    public void A_run_step_defaults_to_bash()
    {
        var step = TestWorkflows.Load("steps:\n  - id: a\n    run: echo hi\n").Steps[0];

        Assert.Equal(new RunAction("echo hi", ShellKind.Bash), step.Action);
    }

    [Fact]
    public void A_docker_step_keeps_every_field()
    {
        var definition = TestWorkflows.Load("""
            steps:
              - id: a
                docker:
                  image: node:20
                  command: [npm, test]
                  entrypoint: /usr/bin/env
                  env: {CI: "true"}
                  working_dir: /src
                  user: "1000"
                  pull: always
                  mounts:
                    - {source: src, target: /src, read_only: true}
                    - {target: /workspace}
            """);

        var docker = Assert.IsType<DockerAction>(definition.Steps[0].Action);
        Assert.Equal("node:20", docker.Image);
        Assert.Equal(["npm", "test"], docker.Command);
        Assert.Equal(["/usr/bin/env"], docker.Entrypoint);
        Assert.Equal("true", docker.Env["CI"]);
        Assert.Equal("/src", docker.WorkingDir);
        Assert.Equal("1000", docker.User);
        Assert.Equal(PullPolicy.Always, docker.Pull);
        Assert.Equal([new DockerMount("src", "/src", true), new DockerMount(".", "/workspace", false)], docker.Mounts);
    }

    [Fact]
    public void A_docker_command_written_as_one_string_runs_through_the_shell()
    {
        var step = TestWorkflows.Load("steps:\n  - id: a\n    docker:\n      image: alpine\n      command: echo $HOME\n").Steps[0];

        Assert.Equal(["/bin/sh", "-c", "echo $HOME"], ((DockerAction)step.Action).Command);
    }

    [Fact]
    public void An_http_step_keeps_every_field_and_normalizes_the_method()
    {
        var definition = TestWorkflows.Load("""
            steps:
              - id: a
                http:
                  method: post
                  url: https://example.com/hooks
                  headers: {Content-Type: application/json}
                  body: '{"ok": true}'
                  expected_status: 202
                  timeout: 10s
            """);

        var http = Assert.IsType<HttpAction>(definition.Steps[0].Action);
        Assert.Equal("POST", http.Method);
        Assert.Equal("https://example.com/hooks", http.Url);
        Assert.Equal("application/json", http.Headers["Content-Type"]);
        Assert.Equal("{\"ok\": true}", http.Body);
        Assert.Equal([202], http.ExpectedStatus);
        Assert.Equal(TimeSpan.FromSeconds(10), http.RequestTimeout);
    }

    [Fact]
    public void An_http_url_built_from_an_input_is_not_checked_before_the_run()
    {
        var definition = TestWorkflows.Load("inputs:\n  base: {}\nsteps:\n  - id: a\n    http:\n      url: ${{ inputs.base }}/health\n");

        Assert.Equal("${{ inputs.base }}/health", ((HttpAction)definition.Steps[0].Action).Url);
    }

    [Fact]
    public void A_sleep_step_reads_its_duration()
    {
        var step = TestWorkflows.Load("steps:\n  - id: a\n    sleep: 1m30s\n").Steps[0];

        Assert.Equal(new SleepAction(TimeSpan.FromSeconds(90)), step.Action);
    }

    [Fact]
    public void Step_fields_are_read_into_the_model()
    {
        var step = TestWorkflows.Load("""
            steps:
              - id: a
                name: Build it
                run: make
                runs_on: linux
                env: {A: 1, B: true}
                working_directory: src
                timeout: 10m
                if: always()
                continue_on_error: true
                outputs: {version: "${{ result.outputs.version }}"}
                secrets: [TOKEN]
            """).Steps[0];

        Assert.Equal("Build it", step.Name);
        Assert.Equal(["linux"], step.RunsOn);
        Assert.Equal("1", step.Env["A"]);
        Assert.Equal("true", step.Env["B"]);
        Assert.Equal("src", step.WorkingDirectory);
        Assert.Equal(TimeSpan.FromMinutes(10), step.Timeout);
        Assert.Equal("always()", step.Condition);
        Assert.True(step.ContinueOnError);
        Assert.Equal("${{ result.outputs.version }}", step.Outputs["version"]);
        Assert.Equal(["TOKEN"], step.Secrets);
        Assert.Equal(2, step.Location.Line);
    }
}
