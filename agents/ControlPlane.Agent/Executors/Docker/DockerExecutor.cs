namespace ControlPlane.Agent.Executors.Docker;

/// <summary>
/// Runs docker step attempts: one container per attempt, from the step's image, with the attempt's workspace mounted
/// and labels naming the runner and the attempt. Safe to use for several attempts at once.
/// </summary>
public sealed class DockerExecutor
{
    private readonly ContainerEngine _engine;
    private readonly DockerExecutorOptions _options;
    private readonly TimeProvider _timeProvider;

    public DockerExecutor(ContainerEngine engine, DockerExecutorOptions options, TimeProvider timeProvider)
    {
        options.Validate();
        _engine = engine;
        _options = options;
        _timeProvider = timeProvider;
    }

    /// <summary>
    /// Runs one attempt to its end. The order is: workspace created; image checked and pulled as the policy says
    /// (progress as <see cref="Logs.LogStream.System"/> lines); container created, attached and started;
    /// <paramref name="onStarted"/> awaited with its id (record it before reporting the step started — output may
    /// already be flowing to <paramref name="sink"/>); exit, cancel or timeout; the container stopped; output drained;
    /// outputs read; the container removed (always, also after a failure, a cancel or an exception).
    /// </summary>
    /// <param name="sink">Receives stdout and stderr byte-exact, and system lines; see <see cref="IStepOutputSink"/>.</param>
    /// <param name="onStarted">
    /// Called once the container runs. If it throws, the container is killed and removed and the exception propagates:
    /// a step whose container could not be recorded must not keep running.
    /// </param>
    /// <param name="cancellationToken">
    /// Cancels the step: the container gets SIGTERM, then SIGKILL after <see cref="DockerExecutorOptions.StopGrace"/>,
    /// and the result is <see cref="StepOutcome.Cancelled"/>. The call returns when the container is gone.
    /// </param>
    /// <returns>The result; setup, pull and start failures are results with <see cref="FailureClass.Error"/>, not exceptions.</returns>
    public async Task<StepResult> RunAsync(DockerStep step, IStepOutputSink sink, Func<string, CancellationToken, ValueTask>? onStarted, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return StepResult.CancelledBeforeStart();
        }

        using var serialized = new SerializedSink(sink);
        ContainerPlan plan;
        string containerId;
        try
        {
            plan = await ContainerPlan.PrepareAsync(step, _options, cancellationToken);
            if (await ImagePreparer.EnsureAsync(_engine, step.Image, step.Pull, serialized, _timeProvider, cancellationToken) is { } imageError)
            {
                return StepResult.CouldNotRun(imageError);
            }

            // Never abandoned in flight: a create the daemon completes after we gave up on it would not be found by
            // the removal. It is quick; a cancel that arrived meanwhile removes the container at once.
            containerId = await _engine.CreateContainerAsync(plan.Parameters, CancellationToken.None);
            if (cancellationToken.IsCancellationRequested)
            {
                await RemoveAsync(containerId);
                return StepResult.CancelledBeforeStart();
            }
        }
        catch (StepSetupException ex)
        {
            return StepResult.CouldNotRun(ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return StepResult.CouldNotRun($"Could not prepare the step's directories: {ex.Message}");
        }
        catch (DockerEngineException ex)
        {
            return StepResult.CouldNotRun($"Docker failed before the container started: {ex.Message}");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Cancelled while preparing or pulling, before any container existed.
            return StepResult.CancelledBeforeStart();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Whatever else failed here (the sink, while a pull was reported) happened before the container existed.
            return StepResult.CouldNotRun($"The step could not be prepared: {ex.Message}");
        }

        var removed = false;
        try
        {
            var run = new DockerStepRun(_engine, _options, _timeProvider, serialized, containerId, plan.Workspace);
            var result = await run.RunAsync(onStarted, step.Timeout, cancellationToken);
            var removal = await RemoveAsync(containerId);
            removed = true;
            return removal is null ? result : result with { Warnings = [.. result.Warnings, removal] };
        }
        finally
        {
            if (!removed)
            {
                await RemoveAsync(containerId);
            }
        }
    }

    /// <returns>Null when removed; otherwise a warning saying why not.</returns>
    private async Task<string?> RemoveAsync(string containerId)
    {
        try
        {
            await _engine.RemoveContainerAsync(containerId, CancellationToken.None);
            return null;
        }
        catch (DockerEngineException ex)
        {
            return $"The container {containerId} could not be removed ({ex.Message}); the agent's sweep on its next start removes it.";
        }
    }
}
