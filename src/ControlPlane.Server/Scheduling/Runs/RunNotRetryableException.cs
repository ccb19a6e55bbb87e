using ControlPlane.Core.Runs;
using ControlPlane.Core.StateMachines;

namespace ControlPlane.Server.Scheduling.Runs;

/// <summary>RetryRun was asked of a run that has not finished, or of a succeeded run without all_steps.</summary>
public sealed class RunNotRetryableException : InvalidOperationException
{
    public RunNotRetryableException(RunId runId, RunState state)
        : base(Describe(runId, state))
    {
        RunId = runId;
        State = state;
    }

    public RunId RunId { get; }

    /// <summary>The state the run was in when the retry was refused.</summary>
    public RunState State { get; }

    private static string Describe(RunId runId, RunState state) => state == RunState.Succeeded
        ? $"Run {runId} succeeded: there is nothing to retry unless all_steps is set."
        : $"Run {runId} is {EnumText.ToText(state)}: only a failed or cancelled run (or a succeeded one with all_steps) can be retried.";
}
