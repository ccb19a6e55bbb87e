using ControlPlane.Agent.Processes;

namespace ControlPlane.Agent.Executors.Shell;

/// <summary>
/// Runs shell step attempts on this machine. Each attempt gets a fresh directory under
/// <see cref="ShellExecutorOptions.WorkDirectory"/>, runs as its own session and process group (as
/// <see cref="ShellExecutorOptions.StepUser"/> when one is set), and is over only when every process of that group is gone. Safe to use for several attempts at once.
/// </summary>
public sealed class ShellExecutor
{
    private readonly ShellExecutorOptions _options;
    private readonly TimeProvider _timeProvider;

    public ShellExecutor(ShellExecutorOptions options, TimeProvider timeProvider)
    {
        options.Validate();
        _options = options;
        _timeProvider = timeProvider;
    }

    /// <summary>
    /// Runs one attempt to its end. The order is: workspace and script written; process started and leading its
    /// own group; <paramref name="onStarted"/> awaited with its identity (record it before reporting the step
    /// started — output may already be flowing to <paramref name="sink"/>); exit, cancel or timeout; the group
    /// stopped; output drained; outputs read.
    /// </summary>
    /// <param name="sink">Receives stdout and stderr; see <see cref="IStepOutputSink"/> for the contract.</param>
    /// <param name="onStarted">
    /// Called once the process runs. If it throws, the group is killed at once and the exception propagates: a step
    /// whose pid could not be recorded must not keep running.
    /// </param>
    /// <param name="cancellationToken">
    /// Cancels the step: the group gets SIGINT, SIGTERM and SIGKILL with the configured graces, and the result is
    /// <see cref="StepOutcome.Cancelled"/>. It does not abandon the wait; the call returns when the group is gone.
    /// </param>
    /// <returns>The result; setup and start failures are results with <see cref="FailureClass.Error"/>, not exceptions.</returns>
    public async Task<StepResult> RunAsync(ShellStep step, IStepOutputSink sink, Func<ProcessIdentity, CancellationToken, ValueTask>? onStarted, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return new StepResult(StepOutcome.Cancelled, FailureClass.Cancelled, null, null, new Dictionary<string, string>(), []);
        }

        StepWorkspace workspace;
        System.Diagnostics.Process process;
        ProcessIdentity identity;
        try
        {
            workspace = await StepWorkspace.CreateAsync(_options.WorkDirectory, step.Attempt, step.WorkingDirectory, step.Script, sharedWithContainer: false, cancellationToken, _options.StepUser);
            var environment = StepEnvironment.Build(step.Attempt, step.Environment, StepPaths.OnHost(workspace), _options.InheritAgentEnvironment, _options.StepUser);
            var shellPath = ShellLocator.Find(step.Shell, environment);
            (process, identity) = await ShellProcess.StartAsync(_options, step.Shell, shellPath, workspace, environment, _timeProvider);
        }
        catch (StepSetupException ex)
        {
            return StepResult.CouldNotRun(ex.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new StepResult(StepOutcome.Cancelled, FailureClass.Cancelled, null, null, new Dictionary<string, string>(), []);
        }

        using (process)
        {
            var run = new ShellStepRun(_options, _timeProvider, process, identity, workspace);
            return await run.RunAsync(sink, onStarted, step.Timeout, cancellationToken);
        }
    }
}
