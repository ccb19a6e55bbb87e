using System.Diagnostics;
using ControlPlane.Agent.Native;
using ControlPlane.Agent.Processes;

namespace ControlPlane.Agent.Executors.Shell;

/// <summary>
/// Watches one started shell until it and everything in its group are gone: waits for exit, a cancel, a timeout or a
/// sink failure; stops the group; drains the output; reads the outputs file.
/// </summary>
internal sealed class ShellStepRun(ShellExecutorOptions options, TimeProvider timeProvider, Process process, ProcessIdentity identity, StepWorkspace workspace)
{
    private readonly ProcessGroupTarget _target = new(identity.ProcessGroupId, identity.StartTime);
    private readonly ProcessGroupTerminator _terminator = new(options.Termination, timeProvider);
    private readonly List<string> _warnings = [];

    private enum StopReason
    {
        None,
        Cancelled,
        TimedOut,
        OutputFailed,
    }

    public async Task<StepResult> RunAsync(IStepOutputSink sink, Func<ProcessIdentity, CancellationToken, ValueTask>? onStarted, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        using var outputFailed = new CancellationTokenSource();
        using var timedOut = timeout is { } limit ? new CancellationTokenSource(limit, timeProvider) : new CancellationTokenSource();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timedOut.Token, outputFailed.Token);
        using var pumps = new OutputPumps(process.StandardOutput.BaseStream, process.StandardError.BaseStream, sink, options.ReadBufferSize, outputFailed.Cancel);
        using var stopScanning = new CancellationTokenSource();
        var scanning = ScanDescendantsAsync(stopScanning.Token);

        var reason = StopReason.None;
        try
        {
            if (onStarted is not null)
            {
                await onStarted(identity, stop.Token);
            }

            await process.WaitForExitAsync(stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            reason = outputFailed.IsCancellationRequested ? StopReason.OutputFailed
                : cancellationToken.IsCancellationRequested ? StopReason.Cancelled
                : StopReason.TimedOut;
        }
        catch
        {
            // onStarted failed (the pid could not be recorded): the step must not run unrecorded.
            await StopAsync(UnixSignal.Kill, scanning, stopScanning);
            await pumps.DrainAsync(options.OutputDrainTimeout, timeProvider);
            throw;
        }

        await StopAsync(reason == StopReason.None ? UnixSignal.Terminate : UnixSignal.Interrupt, scanning, stopScanning);
        if (!await pumps.DrainAsync(options.OutputDrainTimeout, timeProvider))
        {
            _warnings.Add($"stdout or stderr was still open {options.OutputDrainTimeout.TotalSeconds:0.#} s after the process group ended (a process left the session and kept it); the rest of the output was not read.");
        }

        return await ResultAsync(pumps.Failure is null ? reason : StopReason.OutputFailed, pumps.Failure);
    }

    // Policy: when the main process exits, whatever is left in its group is an orphan of the step and is stopped
    // (SIGTERM, then SIGKILL after the grace: bash starts background jobs with SIGINT ignored). On cancel, timeout or
    // failure the whole escalation runs from SIGINT. Either way the group is gone before the step ends.
    private async Task StopAsync(UnixSignal firstSignal, Task scanning, CancellationTokenSource stopScanning)
    {
        var report = firstSignal == UnixSignal.Kill
            ? await KillNowAsync()
            : await _terminator.TerminateAsync(_target, firstSignal, CancellationToken.None);
        await stopScanning.CancelAsync();
        await scanning;
        if (firstSignal == UnixSignal.Terminate && report.ProcessesFound > 0)
        {
            _warnings.Add($"The script exited leaving {report.ProcessesFound} process(es) in its process group; they were stopped ({string.Join(", ", report.SignalsSent)}).");
        }

        if (!report.GroupGone)
        {
            _warnings.Add($"Processes {string.Join(", ", report.Survivors)} survived SIGKILL for {options.Termination.KillTimeout.TotalSeconds:0.#} s (uninterruptible I/O?).");
        }

        // The leader is our child: .NET reaps it once it is dead, which the terminator has just waited for.
        using var reaped = new CancellationTokenSource(options.Termination.KillTimeout, timeProvider);
        try
        {
            await process.WaitForExitAsync(reaped.Token);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task<TerminationReport> KillNowAsync()
    {
        var members = _target.FindMembers(ProcessTable.Snapshot());
        _target.Signal(members, UnixSignal.Kill);
        var gone = await _terminator.WaitUntilGoneAsync(_target, options.Termination.KillTimeout, CancellationToken.None);
        return new TerminationReport([UnixSignal.Kill], members.Count, gone ? [] : [.. members.Select(m => m.Pid)]);
    }

    private async Task ScanDescendantsAsync(CancellationToken cancellationToken)
    {
        if (options.DescendantScanInterval <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            while (true)
            {
                _target.FindMembers(ProcessTable.Snapshot());
                await Task.Delay(options.DescendantScanInterval, timeProvider, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task<StepResult> ResultAsync(StopReason reason, Exception? outputFailure)
    {
        int? exitCode = process.HasExited ? process.ExitCode : null;
        var (outputs, outputWarnings) = await StepOutputs.ReadAsync(workspace.OutputsPath, options.MaxOutputsFileBytes, CancellationToken.None);
        IReadOnlyList<string> warnings = [.. _warnings, .. outputWarnings];
        return reason switch
        {
            StopReason.OutputFailed => new StepResult(StepOutcome.Failed, FailureClass.Error, exitCode, identity, outputs, warnings, $"The step's output could not be kept: {outputFailure?.Message}"),
            StopReason.Cancelled => new StepResult(StepOutcome.Cancelled, FailureClass.Cancelled, exitCode, identity, outputs, warnings),
            StopReason.TimedOut => new StepResult(StepOutcome.TimedOut, FailureClass.Timeout, exitCode, identity, outputs, warnings),
            _ when exitCode == 0 => new StepResult(StepOutcome.Succeeded, FailureClass.None, exitCode, identity, outputs, warnings),
            _ => new StepResult(StepOutcome.Failed, FailureClass.ExitCode, exitCode, identity, outputs, warnings),
        };
    }
}
