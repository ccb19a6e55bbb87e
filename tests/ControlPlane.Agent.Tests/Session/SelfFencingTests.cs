using System.Text;
using ControlPlane.Agent.Attempts;
using ControlPlane.Agent.Executors.Docker;
using ControlPlane.Agent.Executors.Http;
using ControlPlane.Agent.Executors.Shell;
using ControlPlane.Agent.Executors.Sleep;
using ControlPlane.Agent.Logs.Batching;
using ControlPlane.Agent.Processes;
using ControlPlane.Agent.Session;
using ControlPlane.Agent.State;
using ControlPlane.Agent.Tests.Support;
using ControlPlane.Contracts.V1;
using ControlPlane.Testing;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging.Abstractions;

namespace ControlPlane.Agent.Tests.Session;

/// <summary>
/// The agent's half of lease fencing, with a real shell step: once the server has been silent for a lease duration,
/// the running work is killed at once (its whole process group, no grace for traps) and the attempt ends as lost by the runner, with a log line
/// saying why, so the server's retry policy can place it again and no second copy keeps running. A fence that fires
/// while the start is being recorded must kill the group just the same, once the record names it.
/// </summary>
public sealed class SelfFencingTests : IAsyncLifetime, IAsyncDisposable
{
    private readonly TempDirectory _root = new("cp-agent-fence");
    private readonly ContainerEngine _docker = ContainerEngine.FromEnvironment();
    private readonly HttpExecutor _http = new(new HttpExecutorOptions(), TimeProvider.System);
    private readonly GrpcChannel _channel = GrpcChannel.ForAddress("http://127.0.0.1:9");
    private readonly List<int> _groups = [];

    [Fact]
    public async Task A_lease_of_silence_stops_the_running_step_and_ends_the_attempt_as_lost_with_the_reason_in_its_log()
    {
        using var stopping = new CancellationTokenSource();
        var state = new AgentStateStore(_root.Combine("state"));
        var attempts = Supervisor(state, watchdog: null, stopping.Token);
        var session = new AgentSession(new RunnerService.RunnerServiceClient(_channel), attempts, TimeProvider.System, NullLogger.Instance);
        var pidFile = _root.Combine("pid");
        var offer = Offer($"trap '' INT TERM\necho started\n( sleep 600 ) &\necho $$ > {pidFile}\nwait\necho still going >> {_root.Combine("effects")}\n");
        await attempts.OfferAsync(session, offer, stopping.Token);
        var group = await Proc.ReadPidFileAsync(pidFile);
        _groups.Add(group);
        Assert.NotEmpty(Proc.LiveInGroupOrSession(group));

        var time = new ManualTimeProvider();
        var fence = new LeaseFence(time);
        fence.Heard(TimeSpan.FromSeconds(4));
        var watching = fence.RunAsync(silence => attempts.FenceAll($"no word from the server for {silence.TotalSeconds} s"), stopping.Token);
        time.Advance(TimeSpan.FromSeconds(5));
        await Proc.WaitUntilAsync(() => attempts.Held().Single().Ended, TimeSpan.FromSeconds(60), "the fenced attempt ended");
        Assert.False(File.Exists(_root.Combine("effects")), "the script went on after the fence");

        Assert.Empty(Proc.LiveInGroupOrSession(group));
        var record = Assert.Single(await state.LoadAttemptsAsync(CancellationToken.None));
        Assert.NotNull(record.End);
        Assert.True(record.End.RunnerLost);
        Assert.Contains("no word from the server for 4 s", record.End.Error, StringComparison.Ordinal);
        var log = string.Concat(Directory.EnumerateFiles(attempts.SpoolDirectory(record.Attempt), "*", SearchOption.AllDirectories).Select(f => Encoding.UTF8.GetString(File.ReadAllBytes(f))));
        Assert.Contains("started\n", log, StringComparison.Ordinal);
        Assert.Contains("[cp-agent] stopped: no word from the server for 4 s. The attempt counts as lost.", log, StringComparison.Ordinal);

        await stopping.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watching);
    }

    [Fact]
    public async Task A_fence_that_fires_while_the_start_is_being_recorded_kills_the_group_at_once_when_the_record_is_saved()
    {
        using var stopping = new CancellationTokenSource();
        var startRecordHeld = new TaskCompletionSource<ProcessIdentity>(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseStartRecord = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var state = new AgentStateStore(_root.Combine("state"))
        {
            BeforeAttemptSave = async record =>
            {
                if (record is { Process: { } process, End: null })
                {
                    startRecordHeld.TrySetResult(process);
                    await releaseStartRecord.Task;
                }
            },
        };
        using var watchdog = OrphanWatchdog.Start();
        var attempts = Supervisor(state, watchdog, stopping.Token);
        var session = new AgentSession(new RunnerService.RunnerServiceClient(_channel), attempts, TimeProvider.System, NullLogger.Instance);
        var trapsInstalled = _root.Combine("pid");
        await attempts.OfferAsync(session, Offer($"trap '' INT TERM\n( sleep 600 ) &\necho $$ > {trapsInstalled}\nwait\necho still going >> {_root.Combine("effects")}\n"), stopping.Token);
        var leader = await startRecordHeld.Task.WaitAsync(TimeSpan.FromSeconds(30));
        _groups.Add(leader.ProcessGroupId);
        Assert.Equal(leader.Pid, await Proc.ReadPidFileAsync(trapsInstalled));

        // The fence fires while the start's record is being written: it finds no process recorded to kill.
        attempts.FenceAll("no word from the server for 4 s");
        Assert.NotEmpty(Proc.LiveInGroupOrSession(leader.ProcessGroupId));
        releaseStartRecord.SetResult();

        // SIGKILL at once: the script ignores SIGINT and SIGTERM, and the graces are minutes long.
        await Proc.WaitUntilAsync(() => Proc.LiveInGroupOrSession(leader.ProcessGroupId).Count == 0, TimeSpan.FromSeconds(10), "the fenced group is killed");
        await Proc.WaitUntilAsync(() => attempts.Held().Single().Ended, TimeSpan.FromSeconds(10), "the fenced attempt ended");
        Assert.False(File.Exists(_root.Combine("effects")), "the script went on after the fence");
        var record = Assert.Single(await state.LoadAttemptsAsync(CancellationToken.None));
        Assert.Equal(leader, record.Process);
        Assert.NotNull(record.End);
        Assert.True(record.End.RunnerLost);
        Assert.False(watchdog.IsWatching(leader), "the watchdog still lists the ended group");
    }

    private AttemptSupervisor Supervisor(AgentStateStore state, OrphanWatchdog? watchdog, CancellationToken stopping)
    {
        var work = Directory.CreateDirectory(_root.Combine("work")).FullName;
        // Graces far longer than any wait in these tests: the fence must not wait for a script that ignores SIGINT and SIGTERM.
        var termination = new ProcessTerminationOptions { InterruptGrace = TimeSpan.FromMinutes(5), TerminateGrace = TimeSpan.FromMinutes(5), PollInterval = TimeSpan.FromMilliseconds(20) };
        var shell = new ShellExecutor(new ShellExecutorOptions { WorkDirectory = work, Termination = termination }, TimeProvider.System);
        var dockerExecutor = new DockerExecutor(_docker, new DockerExecutorOptions { WorkDirectory = work }, TimeProvider.System);
        var steps = new StepRunner(shell, dockerExecutor, _http, new SleepExecutor(TimeProvider.System), "fenced-runner", watchdog?.Instance);
        var lifecycle = new AttemptLifecycle(steps, state, new LogBatcherOptions(), TimeProvider.System, watchdog, NullLogger.Instance);
        return new AttemptSupervisor(lifecycle, state, work, capacity: 1, NullLogger.Instance, stopping);
    }

    private static AttemptOffer Offer(string script) => new()
    {
        AttemptId = 41,
        LeaseEpoch = 1,
        RunId = 7,
        StepId = 9,
        StepKey = "work",
        AttemptNumber = 1,
        Workflow = "fenced",
        Step = new StepSpec { Shell = new ShellAction { Script = script } },
    };

    public Task InitializeAsync() => Task.CompletedTask;

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    // xunit 2 calls IAsyncLifetime.DisposeAsync, not IAsyncDisposable's: the groups and the directory must go either way.
    public async Task DisposeAsync()
    {
        foreach (var member in _groups.SelectMany(Proc.LiveInGroupOrSession))
        {
            Proc.Kill(member.Pid);
        }

        _channel.Dispose();
        _http.Dispose();
        _docker.Dispose();
        await Task.Yield();
        _root.Dispose();
    }
}
