using ControlPlane.Core.StateMachines;
using static ControlPlane.Core.Runs.RunState;
using static ControlPlane.Core.Runs.RunTrigger;

namespace ControlPlane.Core.Runs;

/// <summary>The run lifecycle. Terminal: succeeded, failed, cancelled; only an operator's Retry reopens one.</summary>
public static class RunStateMachine
{
    public static TransitionTable<RunState, RunTrigger> Table { get; } = new(
        entity: "run",
        terminal: [Succeeded, Failed, Cancelled],
        transitions:
        [
            // The scheduler admitted the run (concurrency permitting) and expanded its plan.
            (Queued, Start, Running),
            // The run could not start at all, e.g. its plan could not be expanded.
            (Queued, Fail, Failed),
            // Cancelled before anything ran: nothing to wait for.
            (Queued, RequestCancel, Cancelled),
            // Every step finished and the run's conclusion is success.
            (Running, Succeed, Succeeded),
            // Every step finished and at least one failure decides the run, or the run timed out.
            (Running, Fail, Failed),
            // Cancel asked for: live steps are being stopped; the run waits for them.
            (Running, RequestCancel, Cancelling),
            // The last live step stopped after a cancel.
            (Cancelling, CancelComplete, Cancelled),
            // RetryRun: the unsuccessful steps (or all of them) are reset and the run queues again as its next
            // run_attempt, so admission applies its concurrency limit as it did the first time.
            (Failed, Retry, Queued),
            (Cancelled, Retry, Queued),
            // RetryRun with all_steps: a succeeded run runs every step again.
            (Succeeded, Retry, Queued),
        ]);

    public static bool IsTerminal(RunState state) => Table.IsTerminal(state);

    /// <inheritdoc cref="TransitionTable{TState, TTrigger}.Next"/>
    public static RunState Next(RunState from, RunTrigger trigger) => Table.Next(from, trigger);
}
