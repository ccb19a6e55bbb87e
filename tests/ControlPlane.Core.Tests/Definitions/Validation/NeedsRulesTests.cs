using ControlPlane.Core.Tests.Support;

namespace ControlPlane.Core.Tests.Definitions.Validation;

public class NeedsRulesTests
{
    public static TheoryData<string, string, string[]> Cases => new()
    {
        {
            "Unknown_need_suggests_the_closest_step",
            """
            steps:
              - id: build
                run: echo
              - id: test
                needs: [biuld]
                run: echo
            """,
            ["test.yaml:5:13: error CP1004 steps[1].needs[0]: unknown step 'biuld'; did you mean 'build'?"]
        },
        {
            "Unknown_need_without_a_close_step_has_no_suggestion",
            """
            steps:
              - id: build
                needs: deploy
                run: echo
            """,
            ["test.yaml:3:12: error CP1004 steps[0].needs: unknown step 'deploy'"]
        },
        {
            "A_need_listed_twice_is_a_warning",
            """
            steps:
              - id: a
                run: echo
              - id: b
                needs: [a, a]
                run: echo
            """,
            ["test.yaml:5:16: warning CP1019 steps[1].needs[1]: 'a' is already listed in needs"]
        },
        {
            "A_cycle_is_named_from_its_first_step",
            """
            steps:
              - id: a
                needs: [c]
                run: echo
              - id: b
                needs: [a]
                run: echo
              - id: c
                needs: [b]
                run: echo
            """,
            ["test.yaml:3:13: error CP1010 steps[0].needs[0]: dependency cycle: a -> c -> b -> a"]
        },
        {
            "A_step_needing_itself_is_a_cycle",
            """
            steps:
              - id: a
                needs: a
                run: echo
            """,
            ["test.yaml:3:12: error CP1010 steps[0].needs: step 'a' needs itself (directly or through its group)"]
        },
        {
            "Two_separate_cycles_are_both_reported",
            """
            steps:
              - {id: a, needs: b, run: echo}
              - {id: b, needs: a, run: echo}
              - {id: c, needs: d, run: echo}
              - {id: d, needs: c, run: echo}
            """,
            [
                "test.yaml:2:20: error CP1010 steps[0].needs: dependency cycle: a -> b -> a",
                "test.yaml:4:20: error CP1010 steps[2].needs: dependency cycle: c -> d -> c",
            ]
        },
        {
            "A_step_inside_a_group_needing_the_group_is_a_cycle",
            """
            steps:
              - id: group
                parallel:
                  - {id: a, needs: group, run: echo}
            """,
            ["test.yaml:4:24: error CP1010 steps[0].parallel[0].needs: step 'a' needs itself (directly or through its group)"]
        },
        {
            "Group_ids_share_the_namespace_of_step_ids",
            """
            steps:
              - id: build
                parallel:
                  - {id: build, run: echo}
            """,
            ["test.yaml:4:14: error CP1006 steps[0].parallel[0].id: duplicate id 'build'; it is already used on line 2"]
        },
        {
            "A_group_needs_exactly_one_of_parallel_or_sequence",
            """
            steps:
              - parallel:
                  - {id: a, run: echo}
                sequence:
                  - {id: b, run: echo}
            """,
            ["test.yaml:4:5: error CP1009 steps[0].sequence: a group is either parallel or sequence, not both; nest one inside the other"]
        },
        {
            "An_empty_group_is_reported",
            """
            steps:
              - id: g
                sequence: []
            """,
            ["test.yaml:3:15: error CP1015 steps[0].sequence: a sequence group needs at least one step"]
        },
        {
            "A_group_rejects_step_keys",
            """
            steps:
              - parallel:
                  - {id: a, run: echo}
                run: echo
            """,
            ["test.yaml:4:5: error CP1001 steps[0].run: unknown key 'run' in a group; expected one of: id, name, needs, parallel, sequence"]
        },
    };

    [Fact]
    public void Warnings_do_not_stop_a_workflow_from_loading()
    {
        var result = ControlPlane.Core.Definitions.WorkflowLoader.Validate("test.yaml", "steps:\n  - {id: a, run: echo}\n  - {id: b, needs: [a, a], run: echo}\n");

        Assert.True(result.IsValid);
        Assert.Equal(["a"], result.Definition!.FindStep("b")!.Needs);
        Assert.Single(result.Diagnostics);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reports_exact_diagnostics(string rule, string text, string[] expected)
    {
        Assert.NotEmpty(rule);
        Assert.Equal(expected, TestWorkflows.Diagnose(text));
    }
}
