using ControlPlane.Agent.Attempts;
using ControlPlane.Agent.Executors;
using ControlPlane.Agent.Executors.Shell;
using ControlPlane.Agent.Processes;
using ControlPlane.Testing;

namespace ControlPlane.Agent.Tests.Support;

/// <summary>A work directory, an executor with short graces, and a way to run one script in it.</summary>
internal sealed class ShellHarness : IDisposable
{
    private static int _nextAttempt;
    private readonly TempDirectory _work = new("cp-agent-shell");
    private readonly TaskCompletionSource<ProcessIdentity> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ShellHarness(Action<ShellExecutorOptions>? configure = null)
    {
        Options = new ShellExecutorOptions
        {
            WorkDirectory = _work.Path,
            Termination = new ProcessTerminationOptions
            {
                InterruptGrace = TimeSpan.FromMilliseconds(500),
                TerminateGrace = TimeSpan.FromMilliseconds(500),
                KillTimeout = TimeSpan.FromSeconds(10),
                PollInterval = TimeSpan.FromMilliseconds(20),
            },
            OutputDrainTimeout = TimeSpan.FromSeconds(2),
            DescendantScanInterval = TimeSpan.FromMilliseconds(50),
        };
        configure?.Invoke(Options);
        Executor = new ShellExecutor(Options, TimeProvider.System);
    }

    public ShellExecutorOptions Options { get; }

    public ShellExecutor Executor { get; }

    public RecordingSink Sink { get; } = new();

    /// <summary>A directory for marker and pid files, outside every workspace.</summary>
    public string Scratch => Directory.CreateDirectory(_work.Combine("scratch")).FullName;

    public ProcessIdentity? Started => _started.Task.IsCompleted ? _started.Task.Result : null;

    /// <summary>The identity the executor handed out, once it has.</summary>
    public Task<ProcessIdentity> StartedAsync => _started.Task.WaitAsync(TimeSpan.FromSeconds(10));

    public static AttemptKey NewAttempt() => new("run-1", "step-1", Interlocked.Increment(ref _nextAttempt));

    public static ShellStep Step(string script) => new(NewAttempt(), script);

    public Task<StepResult> RunAsync(string script, CancellationToken cancellationToken = default) => RunAsync(Step(script), cancellationToken);

    public Task<StepResult> RunAsync(ShellStep step, CancellationToken cancellationToken = default) => RunAsync(step, Sink, cancellationToken);

    public async Task<StepResult> RunAsync(ShellStep step, RecordingSink sink, CancellationToken cancellationToken = default)
    {
        var result = await Executor.RunAsync(step, sink, (identity, _) =>
        {
            _started.TrySetResult(identity);
            return ValueTask.CompletedTask;
        }, cancellationToken).WaitAsync(TimeSpan.FromSeconds(60), CancellationToken.None);
        Assert.False(sink.OverlappingCallSeen, "the sink was called concurrently");
        return result;
    }

    public string WorkspaceOf(ShellStep step) => Path.Combine(Options.WorkDirectory, step.Attempt.RelativePath, "workspace");

    public void Dispose()
    {
        // A failed test may leave its step running; never let it outlive the test run.
        if (Started is { } started)
        {
            foreach (var process in Proc.LiveInGroupOrSession(started.ProcessGroupId))
            {
                Proc.Kill(process.Pid);
            }
        }

        _work.Dispose();
    }
}
