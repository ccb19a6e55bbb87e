using ControlPlane.Core.Definitions;
using ControlPlane.Core.Storage;
using ControlPlane.Core.Triggers;
using ControlPlane.Core.Workflows;

namespace ControlPlane.Server.Triggers.Schedules;

/// <summary>
/// Keeps a workflow's stored schedules in step with the revision being applied, inside the unit of work that saves
/// it: a schedule whose cron and time zone are unchanged keeps its next and last fire times; a new or changed one
/// starts from its next fire time after now; schedules the revision no longer has are removed.
/// </summary>
public sealed class ScheduleSync
{
    private readonly TimeProvider _time;
    private readonly ScheduleSignal _signal;

    public ScheduleSync(TimeProvider time, ScheduleSignal signal)
    {
        _time = time;
        _signal = signal;
    }

    /// <summary>Call inside the unit of work that saves the revision; call <see cref="Applied"/> after it commits.</summary>
    public async Task SyncAsync(IUnitOfWork unit, WorkflowId workflowId, WorkflowDefinition definition, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var stored = (await unit.Schedules.ListByWorkflowAsync(workflowId, cancellationToken)).ToDictionary(s => s.Index);
        var schedules = definition.Triggers.Schedules;
        for (var index = 0; index < schedules.Count; index++)
        {
            var cron = schedules[index].Cron;
            var zoneName = schedules[index].TimeZone ?? ScheduleTimeZones.Utc;
            if (stored.TryGetValue(index, out var existing) && existing.Cron == cron.Text && existing.TimeZone == zoneName)
            {
                continue;
            }

            var next = ScheduleTimeZones.Find(zoneName) is { } zone ? cron.NextAfter(now, zone) : null;
            await unit.Schedules.SaveAsync(new ScheduleRecord(workflowId, index, cron.Text, zoneName, next, null), cancellationToken);
        }

        await unit.Schedules.RemoveFromAsync(workflowId, schedules.Count, cancellationToken);
    }

    /// <summary>Wakes the schedule loop so it sees what the committed sync changed.</summary>
    public void Applied() => _signal.Wake();
}
