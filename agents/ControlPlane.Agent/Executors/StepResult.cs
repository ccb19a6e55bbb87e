using ControlPlane.Agent.Processes;

namespace ControlPlane.Agent.Executors;

/// <summary>The end of one step attempt.</summary>
/// <param name="Outcome">Succeeded, failed, cancelled or timed out.</param>
/// <param name="FailureClass">Why it did not succeed; <see cref="FailureClass.None"/> when it did.</param>
/// <param name="ExitCode">The main process's (or container's) exit code (128 + signal number when a signal ended it); null when it never ran or the step has no process (http, sleep).</param>
/// <param name="Process">The process group leader, null when it never started.</param>
/// <param name="Outputs">The step's outputs (from <c>$CP_OUTPUT</c>).</param>
/// <param name="Warnings">Things the user should know (ignored output lines, orphans killed); never secrets.</param>
/// <param name="Error">Why the step could not run, for <see cref="FailureClass.Error"/>.</param>
public sealed record StepResult(
    StepOutcome Outcome,
    FailureClass FailureClass,
    int? ExitCode,
    ProcessIdentity? Process,
    IReadOnlyDictionary<string, string> Outputs,
    IReadOnlyList<string> Warnings,
    string? Error = null)
{
    /// <summary>A step that never ran because it could not be set up or started.</summary>
    public static StepResult CouldNotRun(string error, ProcessIdentity? process = null) =>
        new(StepOutcome.Failed, FailureClass.Error, null, process, new Dictionary<string, string>(), [], error);

    /// <summary>A step that was cancelled before anything of it ran.</summary>
    public static StepResult CancelledBeforeStart() =>
        new(StepOutcome.Cancelled, FailureClass.Cancelled, null, null, new Dictionary<string, string>(), []);

    /// <summary>The container a docker step ran in (already removed when the result is made); null for other steps.</summary>
    public string? ContainerId { get; init; }
}
