using System.Globalization;
using Docker.DotNet;

namespace ControlPlane.Agent.Executors.Docker;

/// <summary>
/// Watches one created container until it is gone: attach, start, report, wait for exit, a cancel, a timeout or a
/// sink failure; stop it (SIGTERM, SIGKILL after the grace); drain its output; read the outputs file.
/// Removing the container is the caller's.
/// </summary>
internal sealed class DockerStepRun(ContainerEngine engine, DockerExecutorOptions options, TimeProvider timeProvider, SerializedSink sink, string containerId, StepWorkspace workspace)
{
    private readonly List<string> _warnings = [];
    private Exception? _outputFailure;

    private enum StopReason
    {
        None,
        Cancelled,
        TimedOut,
        OutputFailed,
        DaemonFailed,
    }

    public async Task<StepResult> RunAsync(Func<string, CancellationToken, ValueTask>? onStarted, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        using var outputFailed = new CancellationTokenSource();
        using var timedOut = timeout is { } limit ? new CancellationTokenSource(limit, timeProvider) : new CancellationTokenSource();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timedOut.Token, outputFailed.Token);

        MultiplexedStream output;
        try
        {
            // Attach before start, or output written before the attach is only in the daemon's log.
            output = await engine.AttachAsync(containerId, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return await ResultAsync(ReasonOf(outputFailed, cancellationToken), null, null);
        }
        catch (DockerEngineException ex)
        {
            return StepResult.CouldNotRun($"Could not attach to the container: {ex.Message}") with { ContainerId = containerId };
        }

        using (output)
        {
            try
            {
                // Never abandoned in flight: a start the daemon completes after we gave up on it would leave the
                // container running behind the removal. A cancel that arrives meanwhile stops it below, once started.
                await engine.StartContainerAsync(containerId, CancellationToken.None);
            }
            catch (DockerEngineException ex)
            {
                // e.g. the command is not in the image, or the user or a mount is refused by the runtime.
                return StepResult.CouldNotRun($"Could not start the container: {ex.Message}") with { ContainerId = containerId };
            }

            var pump = new ContainerOutputPump(output, sink, outputFailed.Cancel);
            var reason = StopReason.None;
            ContainerExit? exit = null;
            string? daemonError = null;
            try
            {
                if (onStarted is not null)
                {
                    await onStarted(containerId, stop.Token);
                }

                exit = await engine.WaitContainerAsync(containerId, stop.Token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                reason = ReasonOf(outputFailed, cancellationToken);
            }
            catch (DockerEngineException ex)
            {
                reason = StopReason.DaemonFailed;
                daemonError = ex.Message;
            }
            catch
            {
                // onStarted failed (the container id could not be recorded): it must not run unrecorded.
                await KillQuietlyAsync();
                await DrainAsync(pump);
                throw;
            }

            if (reason != StopReason.None)
            {
                exit = await StopContainerAsync(reason);
            }

            await DrainAsync(pump);
            return await ResultAsync(_outputFailure is null ? reason : StopReason.OutputFailed, exit, daemonError);
        }
    }

    private static StopReason ReasonOf(CancellationTokenSource outputFailed, CancellationToken cancelled) =>
        outputFailed.IsCancellationRequested ? StopReason.OutputFailed
        : cancelled.IsCancellationRequested ? StopReason.Cancelled
        : StopReason.TimedOut;

    private async Task DrainAsync(ContainerOutputPump pump)
    {
        if (!await pump.DrainAsync(options.OutputDrainTimeout, timeProvider))
        {
            _warnings.Add($"The container's output did not end within {Seconds(options.OutputDrainTimeout)} s after it stopped; the rest was not read.");
        }

        _outputFailure = pump.Failure ?? _outputFailure;
    }

    private async Task<ContainerExit?> StopContainerAsync(StopReason reason)
    {
        var why = reason switch
        {
            StopReason.Cancelled => "the step was cancelled",
            StopReason.TimedOut => "the step timed out",
            StopReason.OutputFailed => "its output could not be kept",
            _ => "the daemon failed while waiting",
        };
        try
        {
            await sink.WriteSystemLineAsync($"Stopping container {Short(containerId)}: {why} (SIGTERM, SIGKILL after {Seconds(options.StopGrace)} s)", CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The step fails with the first output failure; a later one says nothing new.
            _outputFailure ??= ex;
        }

        try
        {
            await engine.StopContainerAsync(containerId, options.StopGrace, CancellationToken.None);
            using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(30), timeProvider);
            var exit = await engine.WaitContainerAsync(containerId, bounded.Token);
            _warnings.Add($"The container was stopped because {why}; it exited with {exit.ExitCode}.");
            return exit;
        }
        catch (Exception ex) when (ex is DockerEngineException or OperationCanceledException)
        {
            _warnings.Add($"Stopping the container failed: {ex.Message}");
            return null;
        }
    }

    private async Task KillQuietlyAsync()
    {
        try
        {
            await engine.KillContainerAsync(containerId, CancellationToken.None);
        }
        catch (DockerEngineException)
        {
            // The caller removes it (which kills it too) and rethrows the original failure.
        }
    }

    private async Task<StepResult> ResultAsync(StopReason reason, ContainerExit? exit, string? daemonError)
    {
        var (outputs, outputWarnings) = await StepOutputs.ReadAsync(workspace.OutputsPath, options.MaxOutputsFileBytes, CancellationToken.None);
        if (!string.IsNullOrEmpty(exit?.Error))
        {
            _warnings.Add($"The daemon reported: {exit.Error}");
        }

        IReadOnlyList<string> warnings = [.. _warnings, .. outputWarnings];
        var code = exit?.ExitCode;
        var result = reason switch
        {
            StopReason.OutputFailed => new StepResult(StepOutcome.Failed, FailureClass.Error, code, null, outputs, warnings, $"The step's output could not be kept: {_outputFailure?.Message}"),
            StopReason.DaemonFailed => new StepResult(StepOutcome.Failed, FailureClass.Error, code, null, outputs, warnings, $"Lost track of the container: {daemonError}"),
            StopReason.Cancelled => new StepResult(StepOutcome.Cancelled, FailureClass.Cancelled, code, null, outputs, warnings),
            StopReason.TimedOut => new StepResult(StepOutcome.TimedOut, FailureClass.Timeout, code, null, outputs, warnings),
            _ when code == 0 => new StepResult(StepOutcome.Succeeded, FailureClass.None, code, null, outputs, warnings),
            _ => new StepResult(StepOutcome.Failed, FailureClass.ExitCode, code, null, outputs, warnings),
        };
        return result with { ContainerId = containerId };
    }

    private static string Short(string id) => id.Length > 12 ? id[..12] : id;

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
}
