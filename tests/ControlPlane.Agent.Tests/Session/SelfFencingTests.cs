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
using ControlPlane.Docker;
using ControlPlane.Testing;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging.Abstractions;

namespace ControlPlane.Agent.Tests.Session;

/// <summary>
/// The agent's half of lease fencing, with a real shell step: once the server has been silent for a lease duration,
/// the running work is killed at once (its whole process group, no grace for traps) and the attempt ends as lost by the runner, with a log line
/// saying why, so the server's retry policy can place it again and no second copy keeps running.
/// </summary>
public sealed class SelfFencingTests : IAsyncDisposable
{
    private readonly TempDirectory _root = new("cp-agent-fence");
    private readonly DockerEngineClient _docker = new(DockerEngineOptions.FromEnvironment());
    private readonly HttpExecutor _http = new(new HttpExecutorOptions(), TimeProvider.System);
    private readonly GrpcChannel _channel = GrpcChannel.ForAddress("http://127.0.0.1:9");

    [Fact]
    public async Task A_lease_of_silence_stops_the_running_step_and_ends_the_attempt_as_lost_with_the_reason_in_its_log()
    {
        using var stopping = new CancellationTokenSource();
        var state = new AgentStateStore(_root.Combine("state"));
        var work = Directory.CreateDirectory(_root.Combine("work")).FullName;
        // Graces far longer than the wait below: the fence must not wait for a script that ignores SIGINT and SIGTERM.
        var termination = new ProcessTerminationOptions { InterruptGrace = TimeSpan.FromMinutes(5), TerminateGrace = TimeSpan.FromMinutes(5), PollInterval = TimeSpan.FromMilliseconds(20) };
        var shell = new ShellExecutor(new ShellExecutorOptions { WorkDirectory = work, Termination = termination }, TimeProvider.System);
        var dockerExecutor = new DockerExecutor(_docker, new DockerExecutorOptions { WorkDirectory = work }, TimeProvider.System);
        var steps = new StepRunner(shell, dockerExecutor, _http, new SleepExecutor(TimeProvider.System), "fenced-runner", agentInstance: null);
        var lifecycle = new AttemptLifecycle(steps, state, new LogBatcherOptions(), TimeProvider.System, watchdog: null, NullLogger.Instance);
        var attempts = new AttemptSupervisor(lifecycle, state, work, capacity: 1, NullLogger.Instance, stopping.Token);
        var session = new AgentSession(new RunnerService.RunnerServiceClient(_channel), attempts, TimeProvider.System, NullLogger.Instance);
        var pidFile = _root.Combine("pid");
        var offer = new AttemptOffer
        {
            AttemptId = 41,
            LeaseEpoch = 1,
            RunId = 7,
            StepId = 9,
            StepKey = "work",
            AttemptNumber = 1,
            Workflow = "fenced",
            Step = new StepSpec { Shell = new ShellAction { Script = $"trap '' INT TERM\necho started\n( sleep 600 ) &\necho $$ > {pidFile}\nwait\necho still going >> {_root.Combine("effects")}\n" } },
        };
        await attempts.OfferAsync(session, offer, stopping.Token);
        var group = await Proc.ReadPidFileAsync(pidFile);
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

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        _http.Dispose();
        _docker.Dispose();
        await Task.Yield();
        _root.Dispose();
    }
}
