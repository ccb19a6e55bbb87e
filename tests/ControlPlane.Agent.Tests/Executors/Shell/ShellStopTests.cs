using System.Diagnostics;
using ControlPlane.Agent.Executors;
using ControlPlane.Agent.Tests.Support;

namespace ControlPlane.Agent.Tests.Executors.Shell;

/// <summary>Cancel, timeout and orphan clean-up: the step ends only when its whole process group is gone.</summary>
public sealed class ShellStopTests : IDisposable
{
    // Graces in ShellHarness: 500 ms after SIGINT, 500 ms after SIGTERM.
    private static readonly TimeSpan BothGraces = TimeSpan.FromMilliseconds(1000);

    private readonly ShellHarness _shell = new();

    public void Dispose() => _shell.Dispose();

    /// <summary>
    /// Traps record each signal the script gets; two children ignore SIGINT and SIGTERM (a subshell and a separate
    /// bash, each with a sleep that inherits the ignored signals), so only SIGKILL of the group ends them.
    /// </summary>
    private static string StubbornScript(string markers) => $$"""
        trap 'echo INT >> {{markers}}' INT
        trap 'echo TERM >> {{markers}}' TERM
        ( trap '' INT TERM; sleep 300 ) &
        bash -c "trap '' INT TERM; sleep 300" &
        echo ready
        while true; do sleep 0.05 || true; done
        """;

    [Fact]
    public async Task Cancel_escalates_SIGINT_then_SIGTERM_then_SIGKILL_to_the_whole_group_after_the_graces()
    {
        var markers = Path.Combine(_shell.Scratch, "markers");
        using var cancel = new CancellationTokenSource();
        var run = _shell.RunAsync(StubbornScript(markers), cancel.Token);
        await _shell.Sink.FirstOutput.WaitAsync(TimeSpan.FromSeconds(10));
        var group = (await _shell.StartedAsync).ProcessGroupId;
        Assert.True(Proc.LiveInGroupOrSession(group).Count >= 3, "the script and its children run before the cancel");

        var clock = Stopwatch.StartNew();
        await cancel.CancelAsync();
        var result = await run;

        Assert.True(clock.Elapsed >= BothGraces - TimeSpan.FromMilliseconds(50), $"stopped after {clock.Elapsed}, before both graces ran out");
        Assert.Equal(StepOutcome.Cancelled, result.Outcome);
        Assert.Equal(FailureClass.Cancelled, result.FailureClass);
        Assert.Equal(137, result.ExitCode);
        Assert.Equal("INT\nTERM\n", await File.ReadAllTextAsync(markers));
        Assert.Empty(Proc.LiveInGroupOrSession(group));
    }

    [Fact]
    public async Task A_script_that_exits_on_SIGINT_is_not_escalated()
    {
        using var shell = new ShellHarness(o => o.Termination.InterruptGrace = TimeSpan.FromSeconds(5));
        var markers = Path.Combine(shell.Scratch, "markers");
        using var cancel = new CancellationTokenSource();
        var run = shell.RunAsync($"trap 'echo INT >> {markers}; exit 130' INT\ntrap 'echo TERM >> {markers}' TERM\necho ready\nwhile true; do sleep 0.05 || true; done", cancel.Token);
        await shell.Sink.FirstOutput.WaitAsync(TimeSpan.FromSeconds(10));

        var clock = Stopwatch.StartNew();
        await cancel.CancelAsync();
        var result = await run;

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"stopping took {clock.Elapsed}: SIGTERM came after the 5 s grace");
        Assert.Equal(StepOutcome.Cancelled, result.Outcome);
        Assert.Equal(130, result.ExitCode);
        Assert.Equal("INT\n", await File.ReadAllTextAsync(markers));
    }

    [Fact]
    public async Task Timeout_escalates_the_same_way_and_reports_class_timeout()
    {
        var markers = Path.Combine(_shell.Scratch, "markers");
        var step = ShellHarness.Step(StubbornScript(markers)) with { Timeout = TimeSpan.FromMilliseconds(300) };

        var clock = Stopwatch.StartNew();
        var result = await _shell.RunAsync(step);

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(300) + BothGraces - TimeSpan.FromMilliseconds(50), $"ended after {clock.Elapsed}");
        Assert.Equal(StepOutcome.TimedOut, result.Outcome);
        Assert.Equal(FailureClass.Timeout, result.FailureClass);
        Assert.Equal("INT\nTERM\n", await File.ReadAllTextAsync(markers));
        Assert.Empty(Proc.LiveInGroupOrSession(result.Process!.ProcessGroupId));
    }

    [Fact]
    public async Task Background_processes_are_not_left_behind_when_the_script_exits()
    {
        var pids = Path.Combine(_shell.Scratch, "pids");
        var script = $"sleep 300 &\necho $! >> {pids}\nnohup sleep 300 > /dev/null 2>&1 &\necho $! >> {pids}\necho done";

        var clock = Stopwatch.StartNew();
        var result = await _shell.RunAsync(script);

        Assert.Equal(StepOutcome.Succeeded, result.Outcome);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        var orphans = (await File.ReadAllLinesAsync(pids)).Select(int.Parse).ToList();
        Assert.Equal(2, orphans.Count);
        Assert.All(orphans, pid => Assert.False(Proc.IsAlive(pid), $"background process {pid} is still alive"));
        Assert.Contains(result.Warnings, w => w.Contains("leaving 2 process", StringComparison.Ordinal));
        Assert.Empty(Proc.LiveInGroupOrSession(result.Process!.ProcessGroupId));
    }

    [Fact]
    public async Task A_background_process_that_ignores_SIGTERM_is_killed_after_the_grace()
    {
        var pids = Path.Combine(_shell.Scratch, "pids");
        var result = await _shell.RunAsync($"bash -c \"trap '' TERM; sleep 300\" &\necho $! >> {pids}\nsleep 0.2");

        var orphan = int.Parse((await File.ReadAllTextAsync(pids)).Trim());
        Assert.Equal(0, result.ExitCode);
        Assert.False(Proc.IsAlive(orphan));
        Assert.Contains(result.Warnings, w => w.Contains("Kill", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Background_processes_are_not_left_behind_when_the_step_is_cancelled()
    {
        var pids = Path.Combine(_shell.Scratch, "pids");
        using var cancel = new CancellationTokenSource();
        var run = _shell.RunAsync($"sleep 300 &\necho $! >> {pids}\necho ready\nwait", cancel.Token);
        await _shell.Sink.FirstOutput.WaitAsync(TimeSpan.FromSeconds(10));

        await cancel.CancelAsync();
        var result = await run;

        Assert.Equal(StepOutcome.Cancelled, result.Outcome);
        Assert.False(Proc.IsAlive(int.Parse((await File.ReadAllTextAsync(pids)).Trim())));
    }

    [Fact]
    public async Task A_child_that_starts_its_own_session_is_stopped_while_its_parent_is_still_ours()
    {
        var pids = Path.Combine(_shell.Scratch, "pids");
        using var cancel = new CancellationTokenSource();
        var run = _shell.RunAsync($"setsid sleep 300 &\necho $! >> {pids}\necho ready\nwait", cancel.Token);
        var escaped = await Proc.ReadPidFileAsync(pids);
        await Proc.WaitUntilAsync(() => Proc.Read(escaped)?.SessionId == escaped, TimeSpan.FromSeconds(5), "the child has its own session");

        await cancel.CancelAsync();
        await run;

        Assert.False(Proc.IsAlive(escaped), "the child in its own session survived");
    }

    [Fact]
    public async Task A_child_that_left_the_session_is_remembered_and_stopped_after_its_parent_exits()
    {
        var pids = Path.Combine(_shell.Scratch, "pids");

        // The scan (every 50 ms here) sees the setsid child while the script sleeps, before the script exits.
        var result = await _shell.RunAsync($"setsid sleep 300 > /dev/null 2>&1 &\necho $! >> {pids}\nsleep 1");

        Assert.Equal(0, result.ExitCode);
        Assert.False(Proc.IsAlive(int.Parse((await File.ReadAllTextAsync(pids)).Trim())));
    }

    [Fact]
    public async Task A_daemon_that_double_forks_out_of_the_session_escapes_and_the_output_drain_gives_up()
    {
        // What escapes by design (no cgroups): a process that leaves the session and loses its parent before any scan.
        var pids = Path.Combine(_shell.Scratch, "pids");
        using var shell = new ShellHarness(o => o.DescendantScanInterval = TimeSpan.Zero);
        var clock = Stopwatch.StartNew();

        var result = await shell.RunAsync($"( setsid sh -c 'echo $$ >> {pids}; exec sleep 30' & )\nsleep 0.2\necho main done");

        var daemon = int.Parse((await File.ReadAllTextAsync(pids)).Trim());
        try
        {
            Assert.Equal(0, result.ExitCode);
            Assert.True(Proc.IsAlive(daemon), "the double-forked daemon is expected to escape");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
            Assert.Contains(result.Warnings, w => w.Contains("still open", StringComparison.Ordinal));
            Assert.Equal("main done\n", shell.Sink.StdoutText);
        }
        finally
        {
            Proc.Kill(daemon);
        }
    }

    [Fact]
    public async Task When_the_pid_cannot_be_recorded_the_group_is_killed_and_the_error_propagates()
    {
        var pids = Path.Combine(_shell.Scratch, "pids");
        var step = ShellHarness.Step($"sleep 300 &\necho $! >> {pids}\nwait");
        var child = 0;

        var error = await Assert.ThrowsAsync<IOException>(() => _shell.Executor.RunAsync(step, _shell.Sink, async (_, _) =>
        {
            child = await Proc.ReadPidFileAsync(pids);
            throw new IOException("state file not writable");
        }, CancellationToken.None));

        Assert.Equal("state file not writable", error.Message);
        Assert.False(Proc.IsAlive(child));
    }
}
