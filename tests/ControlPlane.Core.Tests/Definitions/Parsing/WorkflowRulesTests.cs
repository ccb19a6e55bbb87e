using ControlPlane.Core.Tests.Support;

namespace ControlPlane.Core.Tests.Definitions.Parsing;

/// <summary>Inputs, defaults, concurrency and triggers.</summary>
public class WorkflowRulesTests
{
    private const string Step = "steps:\n  - {id: a, run: echo}\n";

    public static TheoryData<string, string, string[]> Cases => new()
    {
        {
            "Input_default_must_match_its_type",
            """
            inputs:
              count:
                type: number
                default: many
              verbose:
                type: bool
                default: "true"
            """ + "\n" + Step,
            [
                "test.yaml:4:14: error CP1201 inputs.count.default: default of input 'count' must be a number, got 'many'",
                "test.yaml:7:14: error CP1201 inputs.verbose.default: default of input 'verbose' must be true or false, got the string 'true'; remove the quotes",
            ]
        },
        {
            "Choice_default_must_be_one_of_the_options",
            """
            inputs:
              environment:
                type: choice
                options: [staging, production]
                default: prod
            """ + "\n" + Step,
            ["test.yaml:5:14: error CP1202 inputs.environment.default: default of input 'environment' must be one of: staging, production; got 'prod'"]
        },
        {
            "Choice_needs_options_and_other_types_do_not_take_them",
            """
            inputs:
              environment:
                type: choice
              name:
                options: [a]
            """ + "\n" + Step,
            [
                "test.yaml:3:5: error CP1203 inputs.environment: a choice input needs a non-empty 'options' list",
                "test.yaml:5:5: error CP1017 inputs.name.options: 'options' applies only to inputs of type choice",
            ]
        },
        {
            "Input_types_must_be_known",
            """
            inputs:
              count:
                type: integer
            """ + "\n" + Step,
            ["test.yaml:3:11: error CP1012 inputs.count.type: invalid input type 'integer'; expected one of: string, number, bool, choice"]
        },
        {
            "Input_names_follow_the_id_rules",
            """
            inputs:
              "my input": {}
            """ + "\n" + Step,
            ["test.yaml:2:3: error CP1016 inputs['my input']: invalid input name 'my input'; use letters, digits, '_' and '-', starting with a letter or '_'"]
        },
        {
            "Concurrency_needs_a_key_and_a_known_conflict_behaviour",
            """
            concurrency:
              limit: 0
              on_conflict: cancel
            """ + "\n" + Step,
            [
                "test.yaml:2:3: error CP1002 concurrency: concurrency needs a 'key', e.g. key: deploy-${{ inputs.environment }}",
                "test.yaml:2:10: error CP1013 concurrency.limit: limit must be between 1 and 1000, got 0",
                "test.yaml:3:16: error CP1012 concurrency.on_conflict: invalid on_conflict 'cancel'; expected one of: queue, cancel_older",
            ]
        },
        {
            "Concurrency_key_may_only_read_inputs",
            """
            concurrency: deploy-${{ steps.a.outputs.x }}
            """ + "\n" + Step,
            ["test.yaml:1:25: error CP1508 concurrency: context 'steps' is not available in fields evaluated before the run starts; available here: inputs"]
        },
        {
            "Defaults_are_checked_like_step_fields",
            """
            defaults:
              timeout: 0s
              runs_on: [linux, ""]
              retries: 3
            """ + "\n" + Step,
            [
                "test.yaml:2:12: error CP1013 defaults.timeout: timeout must be longer than 0s",
                "test.yaml:3:20: error CP1015 defaults.runs_on[1]: a runner label must not be empty",
                "test.yaml:4:3: error CP1001 defaults.retries: unknown key 'retries' in defaults; expected one of: timeout, retry, runs_on",
            ]
        },
        {
            "Cron_syntax_errors_point_into_the_expression",
            """
            on:
              schedule:
                - cron: "0 25 * * *"
                - cron: "*/0 * * * *"
                - cron: "0 0 * JNA *"
                - cron: "0 0 * *"
                - cron: "@fortnightly"
                - cron: "5-1 * * * *"
            """ + "\n" + Step,
            [
                "test.yaml:3:16: error CP1401 on.schedule[0].cron: invalid cron expression '0 25 * * *': hour value 25 is out of range 0-23",
                "test.yaml:4:16: error CP1401 on.schedule[1].cron: invalid cron expression '*/0 * * * *': step '0' in the minute field must be a whole number of at least 1",
                "test.yaml:5:20: error CP1401 on.schedule[2].cron: invalid cron expression '0 0 * JNA *': 'JNA' is not a valid month value; expected 1-12 or JAN-DEC",
                "test.yaml:6:14: error CP1401 on.schedule[3].cron: invalid cron expression '0 0 * *': a cron expression has 5 fields (minute hour day-of-month month day-of-week), got 4",
                "test.yaml:7:14: error CP1401 on.schedule[4].cron: invalid cron expression '@fortnightly': unknown cron macro '@fortnightly'; expected one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly",
                "test.yaml:8:14: error CP1401 on.schedule[5].cron: invalid cron expression '5-1 * * * *': range '5-1' in the minute field goes backwards",
            ]
        },
        {
            "Schedules_need_cron_and_a_known_time_zone",
            """
            on:
              schedule:
                - timezone: Europe/Berln
            """ + "\n" + Step,
            [
                "test.yaml:3:7: error CP1002 on.schedule[0]: a schedule needs a 'cron' expression, e.g. cron: \"0 3 * * *\"",
                "test.yaml:3:17: error CP1402 on.schedule[0].timezone: unknown time zone 'Europe/Berln'; use an IANA name such as Europe/Berlin or UTC; did you mean 'Europe/Berlin'?",
            ]
        },
        {
            "Schedule_inputs_are_checked_against_the_declarations",
            """
            inputs:
              count: {type: number, required: true}
              mode: {type: choice, options: [fast, full], required: true}
            on:
              schedule:
                - cron: "@daily"
                  inputs: {count: lots, modes: fast}
            """ + "\n" + Step,
            [
                "test.yaml:6:7: error CP2002 on.schedule[0]: input 'mode' is required and has no default",
                "test.yaml:7:23: error CP2003 on.schedule[0].inputs.count: input 'count' must be a number, got 'lots'",
                "test.yaml:7:29: error CP2001 on.schedule[0].inputs.modes: unknown input 'modes'; did you mean 'mode'?",
            ]
        },
        {
            "A_webhook_needs_a_secret_or_a_filter",
            """
            on:
              webhook: {}
            """ + "\n" + Step,
            ["test.yaml:2:12: error CP1403 on.webhook: a webhook needs 'secret' (to verify signatures) or 'filter' (to select events), or both"]
        },
        {
            "A_webhook_secret_env_is_refused_and_points_at_secret",
            """
            on:
              webhook:
                secret_env: HOOK_SECRET
            """ + "\n" + Step,
            ["test.yaml:3:5: error CP1406 on.webhook.secret_env: 'secret_env' is no longer supported: webhook secrets come from the server's secrets file (--secrets-file), not its environment; write 'secret: HOOK_SECRET' and add 'HOOK_SECRET' to the server's secrets file"]
        },
        {
            "A_webhook_secret_is_a_secret_name",
            """
            on:
              webhook:
                secret: hook-secret
                filter: "true"
            """ + "\n" + Step,
            ["test.yaml:3:13: error CP1016 on.webhook.secret: invalid secret name 'hook-secret'; use letters, digits and '_', not starting with a digit"]
        },
        {
            "A_webhook_secret_is_one_name",
            """
            on:
              webhook:
                secret: [A, B]
            """ + "\n" + Step,
            ["test.yaml:3:13: error CP1003 on.webhook.secret: expected the name of a server secret, got a list"]
        },
        {
            "A_webhook_filter_reads_the_event",
            """
            on:
              webhook:
                secret: HOOK_SECRET
                filter: event.ref == 'main' && inputs.x
            """ + "\n" + Step,
            ["test.yaml:4:36: error CP1508 on.webhook.filter: context 'inputs' is not available in webhook filters; available here: event"]
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
