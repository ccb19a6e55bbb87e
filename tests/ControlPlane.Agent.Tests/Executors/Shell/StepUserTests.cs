using ControlPlane.Agent.Executors;
using ControlPlane.Agent.State;
using ControlPlane.Agent.Tests.Support;
using ControlPlane.Testing;

namespace ControlPlane.Agent.Tests.Executors.Shell;

/// <summary>
/// <c>--step-user</c>: shell steps run as an unprivileged user (here <c>nobody</c>), in a workspace that user owns, and
/// nothing of the agent's (state directory, runner token, other attempts, the agent process itself) is within its
/// reach. The tests run real steps as root's child dropped to nobody, so they need root, as the agent does.
/// </summary>
public sealed class StepUserTests : IDisposable
{
    private const string RunnerToken = "runner-token-3b9f0c2e7d";
    private readonly TempDirectory _root = new("cp-agent-stepuser");
    private readonly StepUser _nobody;
    private readonly string _work;
    private readonly string _stateDir;
    private readonly ShellHarness _shell;

    public StepUserTests()
    {
        Assert.True(Environment.IsPrivilegedProcess, "these tests start steps as another user and need root");
        var (user, problem) = StepUser.Resolve("nobody");
        _nobody = user ?? throw new InvalidOperationException(problem);
        // Temporary directories are 0700; the agent's directories below need a passable parent, as /var/lib is.
        File.SetUnixFileMode(_root.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        _work = WorkDirectory.Prepare(_root.Combine("work"), _nobody);
        _stateDir = _root.Combine("state");
        _shell = new ShellHarness(o =>
        {
            o.WorkDirectory = _work;
            o.StepUser = _nobody;
        });
    }

    public void Dispose()
    {
        _shell.Dispose();
        _root.Dispose();
    }

    [Fact]
    public async Task A_step_runs_as_the_step_user_in_a_workspace_it_owns_and_its_outputs_are_read()
    {
        var step = ShellHarness.Step("""
            id -u; id -g; echo "$HOME $USER"
            stat -c '%u %a' "$CP_WORKSPACE"; stat -c %u .
            echo made > "$CP_WORKSPACE/file"
            echo answer=42 >> "$CP_OUTPUT"
            """) with { WorkingDirectory = "sub/dir" };

        var result = await _shell.RunAsync(step);

        Assert.True(result.ExitCode == 0, _shell.Sink.StderrText);
        Assert.Equal($"65534\n{_nobody.GroupId}\n{_nobody.Home} nobody\n65534 700\n65534\n", _shell.Sink.StdoutText);
        Assert.Equal("42", result.Outputs["answer"]);
    }

    [Fact]
    public async Task A_step_user_gets_nothing_from_the_state_dir_the_runner_token_the_work_dir_or_the_agent_process()
    {
        var state = new AgentStateStore(_stateDir);
        await state.SaveRunnerAsync(new RunnerIdentity("7", RunnerToken), CancellationToken.None);

        var result = await _shell.RunAsync($$"""
            set +e
            ls {{_stateDir}}; echo "ls state: $?"
            cat {{_stateDir}}/runner.json; echo "cat runner.json: $?"
            ls {{_work}}; echo "ls work: $?"
            cat /proc/$PPID/environ; echo "environ: $?"
            ls /proc/$PPID/fd; echo "fd: $?"
            kill -0 $PPID; echo "kill: $?"
            rm -f "$CP_OUTPUT"; echo "rm outputs: $?"
            ln -sf {{_stateDir}}/runner.json "$CP_OUTPUT"; echo "link outputs: $?"
            mv "$CP_ATTEMPT_DIR/step.sh" "$CP_WORKSPACE/"; echo "mv script: $?"
            """);

        var stdout = _shell.Sink.StdoutText;
        var everything = stdout + _shell.Sink.StderrText + string.Concat(result.Outputs.Values);
        Assert.DoesNotContain(RunnerToken, everything, StringComparison.Ordinal);
        foreach (var attempt in new[] { "ls state", "cat runner.json", "ls work", "environ", "fd", "kill", "rm outputs", "link outputs", "mv script" })
        {
            Assert.Matches($"(?m)^{attempt}: [1-9]", stdout);
        }

        Assert.Contains("Permission denied", _shell.Sink.StderrText, StringComparison.Ordinal);
        Assert.Empty(result.Outputs);
    }

    [Fact]
    public void The_work_dir_lets_the_step_user_pass_but_not_list_and_the_state_dir_stays_closed()
    {
        var state = new AgentStateStore(_stateDir);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute, File.GetUnixFileMode(_work));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(state.Directory));
    }

    [Fact]
    public void A_work_dir_the_step_user_cannot_reach_is_refused_at_start_naming_it()
    {
        using var closed = new TempDirectory("cp-agent-closed");

        var error = Assert.Throws<ControlPlane.Agent.Configuration.AgentUsageException>(() => WorkDirectory.Prepare(Path.Combine(closed.Path, "work"), _nobody));

        Assert.Contains($"the step user nobody cannot reach {closed.Path}/work", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removing_a_step_users_attempt_directory_never_follows_its_links_out_of_it()
    {
        var outside = Directory.CreateDirectory(_root.Combine("outside")).FullName;
        File.WriteAllText(Path.Combine(outside, "precious"), "keep me");
        var step = ShellHarness.Step($"ln -s {outside} \"$CP_WORKSPACE/escape\"\nmkdir \"$CP_WORKSPACE/d\"\nln -s {outside}/precious \"$CP_WORKSPACE/d/file\"");
        await _shell.RunAsync(step);
        var attemptDirectory = Path.GetDirectoryName(_shell.WorkspaceOf(step))!;

        Assert.True(await ControlPlane.Agent.Attempts.AttemptDirectoryRemover.RemoveAsync(attemptDirectory, ownedByStepUser: true));

        Assert.False(Directory.Exists(attemptDirectory));
        Assert.Equal("keep me", File.ReadAllText(Path.Combine(outside, "precious")));
    }
}
