namespace ControlPlane.Core.Definitions;

/// <summary>The <c>on:</c> block: what starts a run besides a manual start.</summary>
public sealed record WorkflowTriggers
{
    public static WorkflowTriggers None { get; } = new();

    public IReadOnlyList<ScheduleTrigger> Schedules { get; init; } = [];

    public WebhookTrigger? Webhook { get; init; }
}
