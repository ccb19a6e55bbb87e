using ControlPlane.Agent.Configuration;
using ControlPlane.Testing;

namespace ControlPlane.Agent.Tests.Configuration;

/// <summary>
/// <c>--step-user</c> is checked at start: an existing, unprivileged user, an agent running as root (only root can
/// start a process as another user), setpriv at hand. Anything else stops the agent with one line and exit code 2.
/// </summary>
public sealed class StepUserOptionTests
{
    [Fact]
    public void An_existing_unprivileged_user_is_resolved_by_name_or_uid()
    {
        var byName = AgentConfiguration.Load(["--server", "http://x:1", "--step-user", "nobody"], _ => null);
        var byId = AgentConfiguration.Load(["--server", "http://x:1"], name => name == "CP_STEP_USER" ? "65534" : null);

        Assert.Equal(new ControlPlane.Agent.Executors.StepUser("nobody", 65534, byName.StepAccount!.GroupId, "/nonexistent"), byName.StepAccount);
        Assert.Equal(byName.StepAccount, byId.StepAccount);
    }

    [Theory]
    [InlineData("root", "--step-user: 'root' is root (uid 0, gid 0); a step user must be an unprivileged user")]
    [InlineData("0", "--step-user: '0' is root (uid 0, gid 0)")]
    [InlineData("no-such-user-here", "--step-user: no user 'no-such-user-here' on this machine")]
    [InlineData("4000000000", "--step-user: no user '4000000000' on this machine")]
    [InlineData("", "--step-user: '' is not a valid user name or uid")]
    [InlineData("-u", "--step-user: '-u' is not a valid user name or uid")]
    [InlineData("nobody root", "--step-user: 'nobody root' is not a valid user name or uid")]
    [InlineData("nobody\0root", "--step-user: 'nobody?root' is not a valid user name or uid")]
    [InlineData("../../etc/passwd", "--step-user: '../../etc/passwd' is not a valid user name or uid")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "is not a valid user name or uid")]
    public void A_bad_step_user_is_refused_naming_what_is_wrong(string user, string expected)
    {
        var error = Assert.Throws<AgentUsageException>(() => AgentConfiguration.Load(["--server", "http://x:1", "--step-user", user], _ => null));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\0', error.Message);
    }

    [Fact]
    public async Task An_agent_not_running_as_root_refuses_a_step_user_with_one_line_and_exit_code_2()
    {
        var agentDll = Path.Combine(AppContext.BaseDirectory, "cp-agent.dll");
        await using var agent = ChildProcess.Start(
            "setpriv",
            ["--reuid=65534", "--regid=65534", "--clear-groups", "--", "dotnet", agentDll, "--server", "http://127.0.0.1:9", "--step-user", "nobody"],
            workingDirectory: "/",
            environment: new Dictionary<string, string> { ["HOME"] = "/tmp", ["DOTNET_CLI_HOME"] = "/tmp" });

        var exitCode = await agent.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, exitCode);
        Assert.Equal("cp-agent: --step-user: the agent runs as uid 65534, not root, so it cannot start steps as nobody; run it as root or drop --step-user\n", agent.StandardError);
    }
}
