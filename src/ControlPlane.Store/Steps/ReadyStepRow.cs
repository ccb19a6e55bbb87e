using ControlPlane.Core.Steps;
using ControlPlane.Core.Workflows;

namespace ControlPlane.Store.Steps;

/// <summary>A ready step joined with the run columns the scheduler picks by.</summary>
internal sealed class ReadyStepRow : StepRow
{
    public long RunWorkflowId { get; set; }

    public long RunPriority { get; set; }

    public string? RunConcurrencyKey { get; set; }

    public ReadyStep ToReadyStep() => new(ToRecord(), new WorkflowId(RunWorkflowId), (int)RunPriority, RunConcurrencyKey);
}
