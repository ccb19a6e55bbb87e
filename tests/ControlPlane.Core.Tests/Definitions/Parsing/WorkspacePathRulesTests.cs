using ControlPlane.Core.Tests.Support;

namespace ControlPlane.Core.Tests.Definitions.Parsing;

/// <summary>Paths the agent would refuse at run time are reported when the file is loaded, with their position.</summary>
public class WorkspacePathRulesTests
{
    public static TheoryData<string, string, string[]> Cases => new()
    {
        {
            "A_working_directory_climbing_out_of_the_workspace_is_reported",
            """
            steps:
              - id: a
                run: ls
                working_directory: ../..
            """,
            ["test.yaml:4:24: error CP1020 steps[0].working_directory: working_directory '../..' leaves the step workspace through '..'; it must stay inside it"]
        },
        {
            "Climbing_out_after_going_in_is_still_out",
            """
            steps:
              - id: a
                run: ls
                working_directory: src/../../etc
            """,
            ["test.yaml:4:24: error CP1020 steps[0].working_directory: working_directory 'src/../../etc' leaves the step workspace through '..'; it must stay inside it"]
        },
        {
            "An_absolute_working_directory_is_reported",
            """
            steps:
              - id: a
                run: ls
                working_directory: /etc
            """,
            ["test.yaml:4:24: error CP1020 steps[0].working_directory: working_directory '/etc' is absolute; it must be a path relative to the step workspace"]
        },
        {
            "A_relative_docker_working_dir_climbing_out_is_reported",
            """
            steps:
              - id: a
                docker:
                  image: alpine
                  working_dir: ./../host
            """,
            ["test.yaml:5:20: error CP1020 steps[0].docker.working_dir: working_dir './../host' leaves the step workspace through '..'; use a path inside it or an absolute path in the container"]
        },
        {
            "A_mount_target_with_dot_dot_segments_is_reported",
            """
            steps:
              - id: a
                docker:
                  image: alpine
                  mounts:
                    - {source: cache, target: /a/../etc}
                    - {source: cache, target: /}
            """,
            [
                "test.yaml:6:35: error CP1018 steps[0].docker.mounts[0].target: mount target '/a/../etc' has a '..' segment; write the path it means without one",
                "test.yaml:7:35: error CP1018 steps[0].docker.mounts[1].target: mount target '/' is the container's root; mount below it",
            ]
        },
        {
            "Every_path_problem_in_a_file_is_reported_at_once",
            """
            steps:
              - id: a
                run: ls
                working_directory: ..
              - id: b
                docker:
                  image: alpine
                  working_dir: ../x
                  mounts: [{target: /x/..}]
            """,
            [
                "test.yaml:4:24: error CP1020 steps[0].working_directory: working_directory '..' leaves the step workspace through '..'; it must stay inside it",
                "test.yaml:8:20: error CP1020 steps[1].docker.working_dir: working_dir '../x' leaves the step workspace through '..'; use a path inside it or an absolute path in the container",
                "test.yaml:9:25: error CP1018 steps[1].docker.mounts[0].target: mount target '/x/..' has a '..' segment; write the path it means without one",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reports_exact_diagnostics(string rule, string text, string[] expected)
    {
        Assert.NotEmpty(rule);
        Assert.Equal(expected, TestWorkflows.Diagnose(text));
    }

    [Theory]
    [InlineData("src")]
    [InlineData("src/../lib")]
    [InlineData("./a/./b/..")]
    [InlineData("a//b/")]
    [InlineData(".")]
    [InlineData("..dir/x..")]
    public void Paths_that_stay_inside_the_workspace_are_accepted(string workingDirectory)
    {
        var definition = TestWorkflows.Load($"steps:\n  - id: a\n    run: ls\n    working_directory: '{workingDirectory}'\n");

        Assert.Equal(workingDirectory, definition.Steps[0].WorkingDirectory);
    }

    [Fact]
    public void An_absolute_docker_working_dir_is_a_container_path_and_accepted()
    {
        var definition = TestWorkflows.Load("steps:\n  - id: a\n    docker:\n      image: alpine\n      working_dir: /src/../usr\n");

        Assert.Single(definition.Steps);
    }

    [Theory]
    [InlineData("${{ inputs.dir }}/../..")]
    [InlineData("sub/${{ inputs.dir }}/..")]
    [InlineData("/${{ inputs.dir }}")]
    public void What_an_expression_makes_of_a_path_is_left_to_the_agent(string workingDirectory)
    {
        var definition = TestWorkflows.Load($"inputs:\n  dir: {{type: string, default: x}}\nsteps:\n  - id: a\n    docker: {{image: alpine, working_dir: '{workingDirectory}'}}\n");

        Assert.Equal(workingDirectory, ((ControlPlane.Core.Definitions.DockerAction)definition.Steps[0].Action).WorkingDir);
    }

    [Fact]
    public void Segments_written_before_an_expression_are_checked()
    {
        var diagnostics = TestWorkflows.Diagnose("""
            inputs:
              dir: {type: string, default: x}
            steps:
              - id: a
                run: ls
                working_directory: a/../../${{ inputs.dir }}
            """);

        Assert.Equal(["test.yaml:6:24: error CP1020 steps[0].working_directory: working_directory 'a/../../${{ inputs.dir }}' leaves the step workspace through '..'; it must stay inside it"], diagnostics);
    }
}
