using ControlPlane.Core.Definitions;
using ControlPlane.Core.Tests.Support;

namespace ControlPlane.Core.Tests.Definitions.Parsing;

/// <summary>on.webhook.secret names a server secret; the removed secret_env is refused in new files but still loads from the store.</summary>
public class WebhookSecretTests
{
    private const string WithSecretEnv = """
        name: hooked
        on:
          webhook:
            secret_env: HOOK_SECRET
        steps:
          - {id: a, run: echo}
        """;

    [Fact]
    public void The_secret_names_a_server_secret_and_remembers_where_it_is_written()
    {
        var webhook = TestWorkflows.Load("""
            name: hooked
            on:
              webhook:
                filter: event.action == 'go'
                secret: HOOK_SECRET
            steps:
              - {id: a, run: echo}
            """).Triggers.Webhook!;

        Assert.Equal("HOOK_SECRET", webhook.Secret);
        Assert.Equal("test.yaml:5:13", webhook.SecretLocation.ToString());
    }

    [Fact]
    public void A_stored_revision_with_secret_env_still_loads_with_a_warning_and_no_secret()
    {
        var result = WorkflowLoader.Validate("stored.yaml", WithSecretEnv, WorkflowLoadOptions.Stored);

        Assert.NotNull(result.Definition);
        Assert.Null(result.Definition.Triggers.Webhook!.Secret);
        Assert.Equal(
            ["stored.yaml:4:5: warning CP1406 on.webhook.secret_env: 'secret_env' is no longer supported: webhook secrets come from the server's secrets file (--secrets-file), not its environment; write 'secret: HOOK_SECRET' and add 'HOOK_SECRET' to the server's secrets file"],
            result.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void A_file_being_applied_with_secret_env_is_invalid()
    {
        var result = WorkflowLoader.Validate("new.yaml", WithSecretEnv);

        Assert.Null(result.Definition);
        Assert.Equal(["CP1406"], result.Diagnostics.Select(d => d.Code));
    }

    [Fact]
    public void A_hostile_secret_env_value_is_not_echoed_into_the_hint()
    {
        var diagnostics = TestWorkflows.Diagnose("on:\n  webhook:\n    secret_env: \"$(rm -rf /)\\nX\"\nsteps:\n  - {id: a, run: echo}\n");

        var line = Assert.Single(diagnostics);
        Assert.Contains("write 'secret: NAME'", line, StringComparison.Ordinal);
        Assert.DoesNotContain("rm -rf", line, StringComparison.Ordinal);
    }
}
