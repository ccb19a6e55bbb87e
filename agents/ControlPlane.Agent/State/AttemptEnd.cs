using ControlPlane.Agent.Executors;

namespace ControlPlane.Agent.State;

/// <summary>How an attempt ended on this agent: what is reported to the server once its log is acknowledged.</summary>
/// <param name="Outcome">Succeeded, failed or cancelled.</param>
/// <param name="FailureClass">Why it did not succeed; <see cref="Executors.FailureClass.None"/> when it did.</param>
/// <param name="ExitCode">Null when the work never ran.</param>
/// <param name="Outputs">What the step wrote to its outputs file.</param>
/// <param name="Error">Why it could not run, for <see cref="Executors.FailureClass.Error"/>.</param>
/// <param name="RunnerLost">The agent lost the work (it restarted while the step ran).</param>
public sealed record AttemptEnd(
    StepOutcome Outcome,
    FailureClass FailureClass,
    int? ExitCode,
    IReadOnlyDictionary<string, string> Outputs,
    string? Error,
    bool RunnerLost = false);
