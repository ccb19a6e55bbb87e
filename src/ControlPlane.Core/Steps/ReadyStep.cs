using ControlPlane.Core.Workflows;

namespace ControlPlane.Core.Steps;

/// <summary>A ready step with what the scheduler needs to pick fairly: its run's workflow, priority and concurrency key.</summary>
public sealed record ReadyStep(StepRecord Step, WorkflowId WorkflowId, int Priority, string? ConcurrencyKey);
