namespace ControlPlane.Server.Scheduling;

/// <summary>
/// Fault injection for restart tests: a callback the scheduler invokes at each <see cref="SchedulerFaultPoint"/>. When it
/// throws, the tick stops there, exactly as if the process had died at that point (a test then disposes the scheduler
/// and the store and starts over on the same file). Production code never sets it.
/// </summary>
public sealed class SchedulerFaults
{
    public Func<SchedulerFaultPoint, ValueTask>? OnPoint { get; set; }

    internal ValueTask AtAsync(SchedulerFaultPoint point) => OnPoint?.Invoke(point) ?? ValueTask.CompletedTask;
}
