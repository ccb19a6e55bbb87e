using ControlPlane.Core.Definitions;
using ControlPlane.Core.Definitions.Identity;
using ControlPlane.Core.Tests.Support;

namespace ControlPlane.Core.Tests.Definitions.Parsing;

/// <summary>The <c>notify:</c> list: targets, their events and format, and what is wrong with a bad one.</summary>
public class NotifyRulesTests
{
    private const string Step = "steps:\n  - {id: a, run: echo}\n";

    public static TheoryData<string, string, string[]> Cases => new()
    {
        {
            "A_target_needs_url_or_url_env_but_not_both",
            """
            notify:
              - on: [failed]
              - url: https://chat.example/hook
                url_env: HOOK_URL
            """ + "\n" + Step,
            [
                "test.yaml:2:5: error CP1404 notify[0]: a notify target needs exactly one of 'url' or 'url_env' (a server environment variable holding the URL)",
                "test.yaml:3:5: error CP1404 notify[1]: a notify target needs exactly one of 'url' or 'url_env' (a server environment variable holding the URL)",
            ]
        },
        {
            "Url_must_be_http_or_https",
            """
            notify:
              - url: ftp://chat.example/hook
            """ + "\n" + Step,
            ["test.yaml:2:10: error CP1014 notify[0].url: 'ftp://chat.example/hook' is not an absolute http or https URL; write it like https://chat.example/hooks/abc"]
        },
        {
            "Events_formats_and_keys_are_checked_with_suggestions",
            """
            notify:
              - url: https://chat.example/hook
                on: [failed, canceled]
                format: slak
                secrte_env: X
            """ + "\n" + Step,
            [
                "test.yaml:3:18: error CP1012 notify[0].on[1]: invalid notify event 'canceled'; expected one of: started, succeeded, failed, cancelled, step_finished; did you mean 'cancelled'?",
                "test.yaml:4:13: error CP1012 notify[0].format: invalid notify format 'slak'; expected one of: json, slack; did you mean 'slack'?",
                "test.yaml:5:5: error CP1001 notify[0].secrte_env: unknown key 'secrte_env' in a notify target; did you mean 'secret_env'?",
            ]
        },
        {
            "Env_names_must_be_valid",
            """
            notify:
              - url_env: 1HOOK
                secret_env: my-secret
            """ + "\n" + Step,
            [
                "test.yaml:2:14: error CP1016 notify[0].url_env: invalid environment variable name '1HOOK'; use letters, digits and '_', not starting with a digit",
                "test.yaml:3:17: error CP1016 notify[0].secret_env: invalid environment variable name 'my-secret'; use letters, digits and '_', not starting with a digit",
            ]
        },
        {
            "Notify_is_a_list",
            "notify: https://chat.example/hook\n" + Step,
            ["test.yaml:1:9: error CP1003 notify: expected a list of targets such as - url: https://chat.example/hook, got a string"]
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
    public void Targets_keep_their_events_and_format_and_default_to_failed_as_json()
    {
        var definition = TestWorkflows.Load("""
            notify:
              - url: https://chat.example/hooks/abc
                on: [failed, cancelled, step_finished]
                format: slack
                secret_env: HOOK_SECRET
              - url_env: OPS_HOOK
            """ + "\n" + Step);

        Assert.Equal(
            [
                new NotifyTarget("https://chat.example/hooks/abc", null, NotifyEvents.Failed | NotifyEvents.Cancelled | NotifyEvents.StepFinished, NotifyFormat.Slack, "HOOK_SECRET"),
                new NotifyTarget(null, "OPS_HOOK", NotifyEvents.Failed, NotifyFormat.Json, null),
            ],
            definition.Notify);
        Assert.Equal("env:OPS_HOOK", definition.Notify[1].EndpointName);
    }

    [Fact]
    public void Notify_changes_the_revision_and_a_file_without_it_keeps_its_hash()
    {
        var plain = TestWorkflows.Load(Step);
        var notified = TestWorkflows.Load("notify:\n  - url: https://chat.example/hook\n" + Step);
        var otherEvents = TestWorkflows.Load("notify:\n  - url: https://chat.example/hook\n    on: [started]\n" + Step);

        Assert.NotEqual(WorkflowContentHash.Compute(plain), WorkflowContentHash.Compute(notified));
        Assert.NotEqual(WorkflowContentHash.Compute(notified), WorkflowContentHash.Compute(otherEvents));
        Assert.DoesNotContain("notify", System.Text.Encoding.UTF8.GetString(CanonicalWorkflowWriter.Write(plain)));
    }
}
