using ControlPlane.Core.Tests.Support;

namespace ControlPlane.Core.Tests.Definitions.Parsing;

/// <summary>Each case is a small file and the exact diagnostics a user sees for it.</summary>
public class StepRulesTests
{
    public static TheoryData<string, string, string[]> Cases => new()
    {
        {
            "Unknown_key_suggests_the_closest_known_key",
            """
            steps:
              - id: a
                run: echo
                needz: [b]
            """,
            ["test.yaml:4:5: error CP1001 steps[0].needz: unknown key 'needz' in a step; did you mean 'needs'?"]
        },
        {
            "Unknown_key_far_from_any_known_key_gets_no_suggestion",
            """
            steps:
              - id: a
                run: echo
                colour: red
            """,
            ["test.yaml:4:5: error CP1001 steps[0].colour: unknown key 'colour' in a step"]
        },
        {
            "Unknown_top_level_key_with_a_swapped_letter_is_recognised",
            """
            stpes:
              - {id: a, run: echo}
            """,
            [
                "test.yaml:1:1: error CP1001 stpes: unknown key 'stpes' in the workflow; did you mean 'steps'?",
                "test.yaml:1:1: error CP1002: a workflow needs 'steps'",
            ]
        },
        {
            "Unknown_key_in_a_small_mapping_lists_the_known_keys",
            """
            steps:
              - id: a
                run: echo
                retry:
                  tries: 3
            """,
            ["test.yaml:5:7: error CP1001 steps[0].retry.tries: unknown key 'tries' in retry; expected one of: attempts, initial_backoff, factor, max_backoff, jitter, on, exit_codes"]
        },
        {
            "Missing_steps_is_reported_on_the_document",
            """
            name: ci
            """,
            ["test.yaml:1:1: error CP1002: a workflow needs 'steps'"]
        },
        {
            "Empty_steps_list_is_reported",
            """
            steps: []
            """,
            ["test.yaml:1:8: error CP1015 steps: a workflow needs at least one step"]
        },
        {
            "Missing_id_is_reported_on_the_step",
            """
            steps:
              - run: echo
            """,
            ["test.yaml:2:5: error CP1005 steps[0]: a step needs an 'id' so that other steps can refer to it"]
        },
        {
            "Invalid_id_characters_are_reported",
            """
            steps:
              - id: build app
                run: echo
              - id: 9lives
                run: echo
            """,
            [
                "test.yaml:2:9: error CP1007 steps[0].id: invalid id 'build app'; use letters, digits, '_' and '-', starting with a letter or '_'",
                "test.yaml:4:9: error CP1007 steps[1].id: invalid id '9lives'; use letters, digits, '_' and '-', starting with a letter or '_'",
            ]
        },
        {
            "Duplicate_ids_point_at_the_first_use",
            """
            steps:
              - id: build
                run: echo 1
              - id: build
                run: echo 2
            """,
            ["test.yaml:4:9: error CP1006 steps[1].id: duplicate id 'build'; it is already used on line 2"]
        },
        {
            "A_step_without_an_action_is_reported",
            """
            steps:
              - id: a
                name: nothing to do
            """,
            ["test.yaml:2:5: error CP1008 steps[0]: a step needs one action: run, docker, http or sleep"]
        },
        {
            "A_step_with_two_actions_is_reported_at_the_second",
            """
            steps:
              - id: a
                run: echo
                sleep: 5s
            """,
            ["test.yaml:4:5: error CP1009 steps[0].sleep: a step has exactly one action, but this one has both 'run' and 'sleep'; split it into two steps"]
        },
        {
            "Shell_on_a_non_run_step_does_not_apply",
            """
            steps:
              - id: a
                sleep: 1s
                shell: bash
            """,
            ["test.yaml:4:5: error CP1017 steps[0].shell: 'shell' applies only to run steps, not to sleep steps"]
        },
        {
            "An_unknown_shell_suggests_a_known_one",
            """
            steps:
              - id: a
                run: echo
                shell: bsh
            """,
            ["test.yaml:4:12: error CP1012 steps[0].shell: invalid shell 'bsh'; expected one of: bash, sh; did you mean 'bash'?"]
        },
        {
            "An_empty_script_is_reported",
            """
            steps:
              - id: a
                run: "  "
            """,
            ["test.yaml:3:10: error CP1015 steps[0].run: the script is empty"]
        },
        {
            "Bad_types_say_what_was_expected_and_what_was_found",
            """
            steps:
              - id: a
                run: echo
                timeout: {minutes: 5}
                continue_on_error: maybe
                env: [A, B]
                retry:
                  attempts: {n: 3}
            """,
            [
                "test.yaml:4:14: error CP1003 steps[0].timeout: expected a duration such as 30s, got a mapping",
                "test.yaml:5:24: error CP1003 steps[0].continue_on_error: expected true or false, got a string",
                "test.yaml:6:10: error CP1003 steps[0].env: expected a mapping, got a list",
                "test.yaml:8:17: error CP1003 steps[0].retry.attempts: expected a whole number, got a mapping",
            ]
        },
        {
            "A_step_that_is_not_a_mapping_is_reported",
            """
            steps:
              - echo hello
            """,
            ["test.yaml:2:5: error CP1003 steps[0]: expected a step (a mapping with 'id' and an action), got a string"]
        },
        {
            "Invalid_env_names_are_reported",
            """
            steps:
              - id: a
                run: echo
                env:
                  MY-VAR: x
            """,
            ["test.yaml:5:7: error CP1016 steps[0].env.MY-VAR: invalid environment variable name 'MY-VAR'; use letters, digits and '_', not starting with a digit"]
        },
        {
            "Invalid_output_and_secret_names_are_reported",
            """
            steps:
              - id: a
                run: echo
                outputs:
                  "my output": x
                secrets: [API-KEY]
            """,
            [
                "test.yaml:5:7: error CP1016 steps[0].outputs['my output']: invalid name 'my output'; use letters, digits, '_' and '-', starting with a letter or '_'",
                "test.yaml:6:15: error CP1016 steps[0].secrets[0]: invalid secret name 'API-KEY'; use letters, digits and '_', not starting with a digit",
            ]
        },
        {
            "Every_problem_in_a_file_is_reported_at_once",
            """
            steps:
              - id: a
                runn: echo
              - id: a
                run: echo
                timeout: 5
            """,
            [
                "test.yaml:2:5: error CP1008 steps[0]: a step needs one action: run, docker, http or sleep",
                "test.yaml:3:5: error CP1001 steps[0].runn: unknown key 'runn' in a step; did you mean 'run'?",
                "test.yaml:4:9: error CP1006 steps[1].id: duplicate id 'a'; it is already used on line 2",
                "test.yaml:6:14: error CP1011 steps[1].timeout: invalid duration '5'; write whole numbers with units ms, s, m, h or d, e.g. 500ms, 30s, 5m or 1h30m; add a unit, e.g. 5s",
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
}
