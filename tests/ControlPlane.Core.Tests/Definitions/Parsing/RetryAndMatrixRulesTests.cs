using ControlPlane.Core.Tests.Support;

namespace ControlPlane.Core.Tests.Definitions.Parsing;

public class RetryAndMatrixRulesTests
{
    public static TheoryData<string, string, string[]> Cases => new()
    {
        {
            "Retry_values_are_range_checked",
            """
            steps:
              - id: a
                run: echo
                retry:
                  attempts: 0
                  factor: 0.5
                  jitter: 2
            """,
            [
                "test.yaml:5:17: error CP1013 steps[0].retry.attempts: attempts must be between 1 and 100, got 0",
                "test.yaml:6:15: error CP1013 steps[0].retry.factor: factor must be between 1 and 10, got 0.5",
                "test.yaml:7:15: error CP1013 steps[0].retry.jitter: jitter must be between 0 and 1, got 2",
            ]
        },
        {
            "Max_backoff_cannot_be_shorter_than_initial_backoff",
            """
            steps:
              - id: a
                run: echo
                retry:
                  initial_backoff: 1m
                  max_backoff: 10s
            """,
            ["test.yaml:6:20: error CP1013 steps[0].retry.max_backoff: max_backoff (10s) must not be shorter than initial_backoff (1m)"]
        },
        {
            "Retry_conditions_must_be_known",
            """
            steps:
              - id: a
                run: echo
                retry:
                  attempts: 3
                  on: [exit_code, timout]
            """,
            ["test.yaml:6:23: error CP1012 steps[0].retry.on[1]: invalid retry condition 'timout'; expected one of: exit_code, timeout, runner_lost, error; did you mean 'timeout'?"]
        },
        {
            "Exit_codes_need_exit_code_in_on",
            """
            steps:
              - id: a
                run: echo
                retry:
                  attempts: 3
                  on: [timeout]
                  exit_codes: [75]
            """,
            ["test.yaml:7:7: error CP1017 steps[0].retry.exit_codes: exit_codes only applies when 'on' includes exit_code"]
        },
        {
            "Matrix_axes_need_values",
            """
            steps:
              - id: a
                run: echo
                matrix:
                  os: []
                  node: 20
            """,
            [
                "test.yaml:5:11: error CP1015 steps[0].matrix.os: matrix axis 'os' has no values",
                "test.yaml:6:13: error CP1003 steps[0].matrix.node: expected a list of values for this axis, got a number",
            ]
        },
        {
            "A_misspelt_reserved_matrix_key_is_pointed_out",
            """
            steps:
              - id: a
                run: echo
                matrix:
                  os: [linux]
                  max_paralel: 2
            """,
            ["test.yaml:6:20: error CP1003 steps[0].matrix.max_paralel: expected a list of values for this axis (did you mean 'max_parallel'?), got a number"]
        },
        {
            "Matrix_values_must_be_scalars",
            """
            steps:
              - id: a
                run: echo
                matrix:
                  os: [linux, {name: mac}]
            """,
            ["test.yaml:5:19: error CP1003 steps[0].matrix.os[1]: expected a string, number or boolean, got a mapping"]
        },
        {
            "Exclude_must_name_existing_axes",
            """
            steps:
              - id: a
                run: echo
                matrix:
                  os: [linux, mac]
                  exclude:
                    - {oss: mac}
            """,
            ["test.yaml:7:12: error CP1302 steps[0].matrix.exclude[0].oss: exclude names unknown matrix axis 'oss'; did you mean 'os'?"]
        },
        {
            "Matrix_expansion_over_the_limit_is_reported",
            """
            steps:
              - id: a
                run: echo
                matrix:
                  a: [1, 2, 3, 4, 5, 6, 7, 8]
                  b: [1, 2, 3, 4, 5, 6, 7, 8]
                  c: [1, 2, 3, 4, 5]
            """,
            ["test.yaml:4:5: error CP1301 steps[0].matrix: the matrix expands to 320 combinations, more than the limit of 256; remove values or exclude combinations"]
        },
        {
            "A_huge_matrix_is_reported_without_expanding_it",
            """
            steps:
              - id: a
                run: echo
                matrix:
                  a: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
                  b: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
                  c: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
                  d: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
                  e: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
                  f: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
            """,
            ["test.yaml:4:5: error CP1301 steps[0].matrix: the matrix expands to 1,000,000 combinations before exclude, more than the limit of 256; remove values or exclude combinations"]
        },
        {
            "A_matrix_excluding_everything_is_reported",
            """
            steps:
              - id: a
                run: echo
                matrix:
                  os: [linux]
                  exclude:
                    - os: linux
            """,
            ["test.yaml:4:5: error CP1303 steps[0].matrix: the matrix has no combinations left after exclude"]
        },
        {
            "An_empty_matrix_is_reported",
            """
            steps:
              - id: a
                run: echo
                matrix:
                  fail_fast: false
            """,
            ["test.yaml:4:5: error CP1015 steps[0].matrix: a matrix needs at least one axis (e.g. os: [linux, windows]) or an include list"]
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
