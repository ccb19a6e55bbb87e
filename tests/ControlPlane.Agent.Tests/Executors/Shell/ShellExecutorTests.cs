using System.Security.Cryptography;
using System.Text;
using ControlPlane.Agent.Executors;
using ControlPlane.Agent.Executors.Shell;
using ControlPlane.Agent.Logs;
using ControlPlane.Agent.Tests.Support;

namespace ControlPlane.Agent.Tests.Executors.Shell;

public sealed class ShellExecutorTests : IDisposable
{
    private readonly ShellHarness _shell = new();

    public void Dispose() => _shell.Dispose();

    [Theory]
    [InlineData(0, StepOutcome.Succeeded, FailureClass.None)]
    [InlineData(1, StepOutcome.Failed, FailureClass.ExitCode)]
    [InlineData(42, StepOutcome.Failed, FailureClass.ExitCode)]
    public async Task The_exit_code_decides_the_outcome(int exitCode, StepOutcome outcome, FailureClass failure)
    {
        var result = await _shell.RunAsync($"echo hi; exit {exitCode}");

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Equal(outcome, result.Outcome);
        Assert.Equal(failure, result.FailureClass);
        Assert.Equal("hi\n", _shell.Sink.StdoutText);
    }

    [Fact]
    public async Task Bash_stops_at_the_first_failing_command_and_a_failing_pipeline_part_fails_the_step()
    {
        var result = await _shell.RunAsync("echo before\nfalse | cat\necho unreachable");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("before\n", _shell.Sink.StdoutText);
    }

    [Fact]
    public async Task Sh_stops_at_the_first_failing_command()
    {
        var result = await _shell.RunAsync(ShellHarness.Step("echo before\nfalse\necho unreachable") with { Shell = ShellKind.Sh });

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("before\n", _shell.Sink.StdoutText);
    }

    [Fact]
    public async Task Stdout_and_stderr_arrive_separately_and_byte_exact_including_binary_bytes()
    {
        var result = await _shell.RunAsync(@"printf 'out\000\377\376\r\n'; printf 'err\033[31m\200' >&2; printf 'tail'");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal([.. "out"u8, 0, 0xff, 0xfe, (byte)'\r', (byte)'\n', .. "tail"u8], _shell.Sink.Stdout);
        Assert.Equal([.. "err"u8, 0x1b, .. "[31m"u8, 0x80], _shell.Sink.Stderr);
        Assert.Equal(new HashSet<LogStream> { LogStream.Stdout, LogStream.Stderr }, _shell.Sink.Completed);
    }

    [Fact]
    public async Task Five_megabytes_of_random_bytes_arrive_intact_on_both_streams()
    {
        var step = ShellHarness.Step("head -c 5242880 /dev/urandom > data.bin\ncat data.bin\ncat data.bin >&2");

        var result = await _shell.RunAsync(step);

        var expected = await File.ReadAllBytesAsync(Path.Combine(_shell.WorkspaceOf(step), "data.bin"));
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(5242880, expected.Length);
        Assert.Equal(SHA256.HashData(expected), SHA256.HashData(_shell.Sink.Stdout));
        Assert.Equal(SHA256.HashData(expected), SHA256.HashData(_shell.Sink.Stderr));
    }

    [Fact]
    public async Task The_environment_has_the_step_variables_and_CP_variables_that_the_step_cannot_override()
    {
        var step = ShellHarness.Step("echo \"$GREETING|$CP_RUN_ID|$CP_STEP_ID|$CP_ATTEMPT|$CP_WORKSPACE|$CI\"; test -f \"$CP_OUTPUT\"; test -n \"$PATH\"") with
        {
            Environment = new Dictionary<string, string> { ["GREETING"] = "hello world", ["CP_RUN_ID"] = "forged" },
        };

        var result = await _shell.RunAsync(step);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"hello world|run-1|step-1|{step.Attempt.Attempt}|{_shell.WorkspaceOf(step)}|true\n", _shell.Sink.StdoutText);
    }

    [Fact]
    public async Task The_outputs_file_becomes_the_outputs_after_exit_with_the_last_value_winning()
    {
        var script = """
            echo "version=1.0" >> "$CP_OUTPUT"
            echo "url=https://x.test/?a=b" >> "$CP_OUTPUT"
            echo "version=2.0" >> "$CP_OUTPUT"
            echo "no equals sign here" >> "$CP_OUTPUT"
            echo "bad key=1" >> "$CP_OUTPUT"
            echo "empty=" >> "$CP_OUTPUT"
            """;

        var result = await _shell.RunAsync(script);

        Assert.Equal(new Dictionary<string, string> { ["version"] = "2.0", ["url"] = "https://x.test/?a=b", ["empty"] = "" }, result.Outputs);
        Assert.Equal(2, result.Warnings.Count);
        Assert.All(result.Warnings, w => Assert.DoesNotContain("no equals", w, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_outputs_file_over_the_cap_gives_no_outputs_and_a_warning()
    {
        using var shell = new ShellHarness(o => o.MaxOutputsFileBytes = 100);

        var result = await shell.RunAsync("echo \"big=$(head -c 200 /dev/zero | tr '\\0' x)\" >> \"$CP_OUTPUT\"");

        Assert.Equal(StepOutcome.Succeeded, result.Outcome);
        Assert.Empty(result.Outputs);
        Assert.Contains(result.Warnings, w => w.Contains("limit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_script_runs_in_the_workspace_or_in_a_relative_working_directory_inside_it()
    {
        var plain = ShellHarness.Step("pwd");
        var nested = ShellHarness.Step("pwd >&2") with { WorkingDirectory = "src/app" };

        var nestedSink = new RecordingSink();

        await _shell.RunAsync(plain);
        await _shell.RunAsync(nested, nestedSink);

        Assert.Equal(_shell.WorkspaceOf(plain) + "\n", _shell.Sink.StdoutText);
        Assert.Equal(Path.Combine(_shell.WorkspaceOf(nested), "src/app") + "\n", nestedSink.StderrText);
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("/etc")]
    [InlineData("a/../../b")]
    public async Task A_working_directory_outside_the_workspace_is_refused_before_anything_runs(string workingDirectory)
    {
        var result = await _shell.RunAsync(ShellHarness.Step("echo ran") with { WorkingDirectory = workingDirectory });

        Assert.Equal(FailureClass.Error, result.FailureClass);
        Assert.Null(result.Process);
        Assert.Empty(_shell.Sink.Stdout);
    }

    [Fact]
    public async Task Stdin_is_closed()
    {
        var result = await _shell.RunAsync("if read -r line; then echo got; else echo eof; fi; cat");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("eof\n", _shell.Sink.StdoutText);
    }

    [Fact]
    public async Task The_shell_leads_its_own_session_and_process_group()
    {
        var pidFile = Path.Combine(_shell.Scratch, "pid");
        var run = _shell.RunAsync($"echo $$ > {pidFile}; sleep 0.5");

        var pid = await Proc.ReadPidFileAsync(pidFile);
        var stat = Proc.Read(pid);
        await run;

        Assert.NotNull(stat);
        Assert.Equal(pid, stat.ProcessGroupId);
        Assert.Equal(pid, stat.SessionId);
        Assert.Equal(pid, _shell.Started?.Pid);
        Assert.Equal(pid, _shell.Started?.ProcessGroupId);
        Assert.Equal(stat.StartTime, _shell.Started?.StartTime);
    }

    [Fact]
    public async Task The_pid_is_handed_out_while_the_script_runs_before_it_finishes()
    {
        var marker = Path.Combine(_shell.Scratch, "recorded");
        var step = ShellHarness.Step($"while [ ! -f {marker} ]; do sleep 0.01; done; echo $$");
        var alive = false;

        var result = await _shell.Executor.RunAsync(step, _shell.Sink, async (identity, cancellationToken) =>
        {
            alive = Proc.IsAlive(identity.Pid);
            await File.WriteAllTextAsync(marker, "", cancellationToken);
        }, CancellationToken.None);

        Assert.True(alive);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"{result.Process!.Pid}\n", _shell.Sink.StdoutText);
    }

    [Fact]
    public async Task The_same_attempt_never_runs_twice_on_one_machine()
    {
        var step = ShellHarness.Step("echo ran");
        await _shell.RunAsync(step);

        var again = await _shell.RunAsync(step, new RecordingSink());

        Assert.Equal(FailureClass.Error, again.FailureClass);
        Assert.Contains("already ran", again.Error, StringComparison.Ordinal);
        Assert.Equal("ran\n", _shell.Sink.StdoutText);
    }

    [Fact]
    public async Task A_shell_missing_from_PATH_is_an_error_not_an_exit_code()
    {
        var result = await _shell.RunAsync(ShellHarness.Step("echo ran") with { Environment = new Dictionary<string, string> { ["PATH"] = "/nonexistent" } });

        Assert.Equal(StepOutcome.Failed, result.Outcome);
        Assert.Equal(FailureClass.Error, result.FailureClass);
        Assert.Null(result.ExitCode);
    }

    [Fact]
    public async Task Output_that_cannot_be_kept_fails_the_step_with_class_error_and_stops_it()
    {
        using var work = new ShellHarness();
        var step = ShellHarness.Step("echo one; while true; do echo more; sleep 0.05; done");

        var result = await work.Executor.RunAsync(step, new FailingSink(), null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(FailureClass.Error, result.FailureClass);
        Assert.Contains("disk full", result.Error, StringComparison.Ordinal);
        Assert.Empty(Proc.LiveInGroupOrSession(result.Process!.ProcessGroupId));
    }

    private sealed class FailingSink : IStepOutputSink
    {
        public ValueTask WriteAsync(LogStream stream, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken) =>
            throw new IOException("disk full");

        public ValueTask CompleteAsync(LogStream stream, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
