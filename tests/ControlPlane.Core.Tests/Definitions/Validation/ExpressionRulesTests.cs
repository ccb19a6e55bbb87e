using ControlPlane.Core.Tests.Support;

namespace ControlPlane.Core.Tests.Definitions.Validation;

public class ExpressionRulesTests
{
    public static TheoryData<string, string, string[]> Cases => new()
    {
        {
            "A_syntax_error_points_at_the_offending_character",
            """
            steps:
              - id: a
                run: echo ${{ 1 = 2 }}
            """,
            ["test.yaml:3:21: error CP1501 steps[0].run: invalid expression: unexpected '='; compare with '=='"]
        },
        {
            "Every_broken_expression_in_a_field_is_reported",
            """
            steps:
              - id: a
                run: |
                  echo ${{ inputs. }}
                  echo ${{ 'open }}
            """,
            [
                "test.yaml:4:22: error CP1501 steps[0].run: invalid expression: expected a property name after '.', got the end of the expression",
                "test.yaml:5:16: error CP1501 steps[0].run: invalid expression: string is not closed; add a ' (write '' for a quote inside a string)",
            ]
        },
        {
            "An_unclosed_template_is_reported",
            """
            steps:
              - id: a
                run: echo ${{ inputs.x
            """,
            ["test.yaml:3:15: error CP1501 steps[0].run: invalid expression: '${{' is not closed; add '}}'"]
        },
        {
            "Unknown_functions_and_wrong_argument_counts_are_syntax_errors",
            """
            steps:
              - id: a
                run: echo ${{ formatt('x') }} ${{ contains('a') }}
            """,
            [
                "test.yaml:3:19: error CP1501 steps[0].run: invalid expression: unknown function 'formatt'; did you mean 'format'?",
                "test.yaml:3:39: error CP1501 steps[0].run: invalid expression: contains() takes 2 arguments, got 1",
            ]
        },
        {
            "An_if_without_braces_is_parsed_as_an_expression",
            """
            steps:
              - id: a
                run: echo
                if: inputs.x ==
            """,
            ["test.yaml:4:20: error CP1501 steps[0].if: invalid expression: expected a value, got the end of the expression"]
        },
        {
            "An_if_mixing_text_and_braces_is_refused",
            """
            steps:
              - id: a
                run: echo
                if: ${{ always() }} && true
            """,
            ["test.yaml:4:9: error CP1512 steps[0].if: a condition is either one ${{ }} or a bare expression; text around ${{ }} makes it a non-empty string, which is always true"]
        },
        {
            "Unknown_contexts_suggest_the_closest",
            """
            steps:
              - id: a
                run: echo ${{ input.name }}
            """,
            ["test.yaml:3:19: error CP1502 steps[0].run: unknown context 'input'; did you mean 'inputs'?"]
        },
        {
            "Unknown_inputs_are_reported",
            """
            inputs:
              environment: {}
            steps:
              - id: a
                run: echo ${{ inputs.enviroment }}
            """,
            ["test.yaml:5:19: error CP1503 steps[0].run: unknown input 'enviroment'; did you mean 'environment'?"]
        },
        {
            "Matrix_reads_need_a_matrix_with_that_axis",
            """
            steps:
              - id: a
                run: echo ${{ matrix.os }}
              - id: b
                run: echo ${{ matrix.oss }} ${{ matrix.extra }}
                matrix:
                  os: [linux]
                  include:
                    - {os: linux, extra: x}
            """,
            [
                "test.yaml:3:19: error CP1504 steps[0].run: step 'a' has no matrix, so matrix.os is undefined",
                "test.yaml:5:19: error CP1504 steps[1].run: unknown matrix axis 'oss'; did you mean 'os'?",
            ]
        },
        {
            "Reading_a_step_that_is_not_needed_says_how_to_fix_it",
            """
            steps:
              - id: build
                run: echo
                outputs: {x: "${{ result.outputs.x }}"}
              - id: deploy
                run: echo ${{ steps.build.outputs.x }}
            """,
            ["test.yaml:6:19: error CP1506 steps[1].run: step 'deploy' reads steps.build.outputs.x but does not need 'build'; add it to needs"]
        },
        {
            "Reading_a_step_needed_transitively_is_fine_and_unknown_steps_are_reported",
            """
            steps:
              - id: build
                run: echo
                outputs: {x: "${{ result.outputs.x }}"}
              - {id: test, needs: build, run: echo}
              - id: deploy
                needs: test
                run: echo ${{ steps.build.outputs.x }} ${{ steps.biuld.outcome }}
            """,
            ["test.yaml:8:48: error CP1505 steps[2].run: unknown step 'biuld'; did you mean 'build'?"]
        },
        {
            "Reading_an_undeclared_output_or_property_is_reported",
            """
            steps:
              - id: build
                run: echo
                outputs: {version: "${{ result.outputs.version }}"}
              - id: deploy
                needs: build
                run: echo ${{ steps.build.outputs.versoin }} ${{ steps.build.status }}
            """,
            [
                "test.yaml:7:19: error CP1507 steps[1].run: step 'build' declares no output 'versoin'; did you mean 'version'?",
                "test.yaml:7:54: error CP1511 steps[1].run: steps.build has no property 'status'; use outputs, outcome or exit_code",
            ]
        },
        {
            "A_step_cannot_read_its_own_outputs",
            """
            steps:
              - id: a
                run: echo
                outputs:
                  x: ${{ result.outputs.x }}
                  y: ${{ steps.a.outputs.x }}
            """,
            ["test.yaml:6:14: error CP1506 steps[0].outputs.y: step 'a' reads its own steps.a.outputs.x; a step's outputs are built from result.*"]
        },
        {
            "Secrets_must_be_listed_by_the_step",
            """
            steps:
              - id: a
                run: echo
                env:
                  TOKEN: ${{ secrets.TOKEN }}
            """,
            ["test.yaml:5:18: error CP1510 steps[0].env.TOKEN: step 'a' reads secrets.TOKEN but does not list it; add 'TOKEN' to its secrets"]
        },
        {
            "Contexts_are_limited_by_field",
            """
            env:
              WHO: ${{ steps.a.outputs.x }}
            steps:
              - id: a
                run: echo ${{ result.exit_code }}
                runs_on: ${{ env.POOL }}
            """,
            [
                "test.yaml:2:12: error CP1508 env.WHO: context 'steps' is not available in the workflow env; available here: inputs, run",
                "test.yaml:5:19: error CP1508 steps[0].run: context 'result' is not available in step fields; available here: inputs, env, matrix, steps, run, secrets, event",
                "test.yaml:6:18: error CP1508 steps[0].runs_on: context 'env' is not available in runs_on; available here: inputs, matrix",
            ]
        },
        {
            "Status_functions_belong_in_conditions",
            """
            steps:
              - id: a
                run: echo ${{ failure() }}
            """,
            ["test.yaml:3:19: error CP1509 steps[0].run: failure() can only be used in a step's 'if' condition"]
        },
        {
            "Unknown_run_and_result_properties_are_reported",
            """
            steps:
              - id: a
                run: echo ${{ run.number }}
                outputs:
                  code: ${{ result.exitcode }}
            """,
            [
                "test.yaml:3:19: error CP1511 steps[0].run: run has no property 'number'; it has: id, attempt",
                "test.yaml:5:17: error CP1511 steps[0].outputs.code: result has no property 'exitcode'; did you mean 'exit_code'?",
            ]
        },
        {
            "Matrix_values_may_only_read_inputs",
            """
            steps:
              - id: a
                run: echo
                matrix:
                  os: ["${{ env.OS }}"]
            """,
            ["test.yaml:5:17: error CP1508 steps[0].matrix.os[0]: context 'env' is not available in fields evaluated before the run starts; available here: inputs"]
        },
        {
            "Expressions_in_docker_and_http_fields_are_checked",
            """
            steps:
              - id: a
                docker:
                  image: node:${{ inputs.node }}
              - id: b
                http:
                  url: https://example.com/${{ inputs.path }}
                  headers:
                    Authorization: Bearer ${{ secrets.API }}
            """,
            [
                "test.yaml:4:23: error CP1503 steps[0].docker.image: unknown input 'node'; the workflow declares no inputs",
                "test.yaml:7:36: error CP1503 steps[1].http.url: unknown input 'path'; the workflow declares no inputs",
                "test.yaml:9:35: error CP1510 steps[1].http.headers.Authorization: step 'b' reads secrets.API but does not list it; add 'API' to its secrets",
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

    [Fact]
    public void Context_names_and_properties_are_case_insensitive_as_in_github_actions()
    {
        var diagnostics = TestWorkflows.Diagnose("inputs:\n  x: {}\nsteps:\n  - id: a\n    run: echo ${{ Inputs.x }}\n");

        Assert.Empty(diagnostics);
    }
}
