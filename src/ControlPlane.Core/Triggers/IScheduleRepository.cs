using ControlPlane.Core.Workflows;

namespace ControlPlane.Core.Triggers;

/// <summary>
/// Workflow schedules and their next fire times. The server keeps the rows in step with each applied revision
/// and advances a row in the same unit of work that starts the run it fired.
/// </summary>
public interface IScheduleRepository
{
    /// <summary>Every schedule of every workflow, by workflow and index.</summary>
    Task<IReadOnlyList<ScheduleRecord>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The schedules of one workflow, by index.</summary>
    Task<IReadOnlyList<ScheduleRecord>> ListByWorkflowAsync(WorkflowId workflowId, CancellationToken cancellationToken);

    /// <summary>Inserts the schedule or replaces the row with the same workflow and index.</summary>
    Task SaveAsync(ScheduleRecord schedule, CancellationToken cancellationToken);

    /// <summary>Removes the workflow's schedules at <paramref name="fromIndex"/> and above; idempotent.</summary>
    Task RemoveFromAsync(WorkflowId workflowId, int fromIndex, CancellationToken cancellationToken);

    /// <summary>
    /// Records a fire: sets the last fire time and the next one, only if the row still expects
    /// <paramref name="expectedNextFireAt"/> (so a concurrent sync or a second loop cannot advance it twice).
    /// </summary>
    /// <returns>False when the row is gone or no longer expects that fire time; nothing was written.</returns>
    Task<bool> AdvanceAsync(
        WorkflowId workflowId,
        int index,
        DateTimeOffset expectedNextFireAt,
        DateTimeOffset firedAt,
        DateTimeOffset? nextFireAt,
        CancellationToken cancellationToken);
}
