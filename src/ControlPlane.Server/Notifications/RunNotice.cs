using ControlPlane.Core.Runs;

namespace ControlPlane.Server.Notifications;

/// <summary>What a run notification says: the event, the run as of that event, and the step that matters.</summary>
/// <param name="Event">run.started, run.succeeded, run.failed, run.cancelled or step.finished.</param>
/// <param name="State">The run's state as of the event (the run may have moved on since).</param>
/// <param name="Revision">The workflow revision the run runs.</param>
/// <param name="FailingStep">For run.failed: the first step that failed, when one did (a timeout fails a run without one).</param>
/// <param name="Step">For step.finished: the step.</param>
/// <param name="Reason">The scheduler's reason for the run's end, e.g. "failed: build".</param>
public sealed record RunNotice(
    string Event,
    RunRecord Run,
    string Workflow,
    string State,
    long Revision,
    StepNotice? FailingStep,
    StepNotice? Step,
    string? Reason);
