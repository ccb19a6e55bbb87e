using System.Globalization;
using ControlPlane.Core.Cron;
using ControlPlane.Core.Runs;
using ControlPlane.Core.Storage;
using ControlPlane.Core.Triggers;
using ControlPlane.Server.Scheduling;
using ControlPlane.Server.Scheduling.Runs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ControlPlane.Server.Triggers.Schedules;

/// <summary>
/// Fires due schedules. However many fire times of a schedule are due, one pass acts once, for the latest: it starts
/// one run (idempotency key <c>schedule:&lt;workflow&gt;:&lt;index&gt;:&lt;fire time UTC&gt;</c>) and advances the
/// schedule's next fire time past now in the same transaction, so a crash either leaves both or neither and a restart
/// never starts the same fire twice. Fire times before the loop started were missed while the server was down; with
/// <see cref="MissedSchedulePolicy.Skip"/> they only advance the schedule.
/// </summary>
/// <remarks>Used by one loop at a time; a second one would find the schedule already advanced and do nothing.</remarks>
public sealed class ScheduleFirer
{
    /// <summary>Bounds the walk to the latest due fire time after a very long downtime of a frequent schedule.</summary>
    private const int MaxFireTimesWalked = 200_000;

    private readonly IStore _store;
    private readonly RunLauncher _launcher;
    private readonly SpecCache _specs;
    private readonly ScheduleOptions _options;
    private readonly ILogger<ScheduleFirer> _logger;

    public ScheduleFirer(IStore store, RunLauncher launcher, SpecCache specs, IOptions<ScheduleOptions> options, ILogger<ScheduleFirer> logger)
    {
        _store = store;
        _launcher = launcher;
        _specs = specs;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>The idempotency key of a schedule's fire: stable across restarts, distinct per fire time.</summary>
    public static string IdempotencyKey(string workflow, int index, DateTimeOffset fireTime) =>
        string.Create(CultureInfo.InvariantCulture, $"schedule:{workflow}:{index}:{fireTime.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}");

    /// <param name="now">The current time; schedules due at or before it fire.</param>
    /// <param name="startedAt">When the loop started: earlier fire times were missed while the server was down.</param>
    public async Task<ScheduleFirePass> FireDueAsync(DateTimeOffset now, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        var (schedules, names) = await ReadAsync(cancellationToken);
        var fires = new List<ScheduleFire>();
        foreach (var schedule in schedules.Where(s => s.NextFireAt <= now))
        {
            var workflow = names.GetValueOrDefault(schedule.WorkflowId.Value, $"#{schedule.WorkflowId}");
            try
            {
                fires.Add(await FireAsync(schedule, workflow, now, startedAt, cancellationToken));
            }
            catch (ScheduleChangedException)
            {
                // A revision was applied meanwhile; the next pass reads the schedule as it is now.
            }
        }

        var after = fires.Count == 0 ? schedules : (await ReadAsync(cancellationToken)).Schedules;
        return new ScheduleFirePass(fires, after.Min(s => s.NextFireAt));
    }

    private async Task<ScheduleFire> FireAsync(ScheduleRecord schedule, string workflow, DateTimeOffset now, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        var cron = CronExpression.Parse(schedule.Cron);
        var zone = ScheduleTimeZones.Find(schedule.TimeZone);
        var due = schedule.NextFireAt!.Value;
        if (zone is null)
        {
            TriggerLog.UnknownTimeZone(_logger, workflow, schedule.Index, schedule.TimeZone);
            await AdvanceAloneAsync(schedule, due, null, cancellationToken);
            return new ScheduleFire(workflow, schedule.Index, due, null, false);
        }

        var fireTime = LatestDue(cron, zone, due, now);
        var next = cron.NextAfter(now, zone);
        if (fireTime < startedAt && _options.Missed == MissedSchedulePolicy.Skip)
        {
            await AdvanceAloneAsync(schedule, fireTime, next, cancellationToken);
            TriggerLog.MissedFireSkipped(_logger, workflow, schedule.Index, fireTime);
            return new ScheduleFire(workflow, schedule.Index, fireTime, null, false);
        }

        try
        {
            var inputs = await ScheduleInputsAsync(schedule, cancellationToken);
            var request = new RunStartRequest(workflow, null, inputs, IdempotencyKey(workflow, schedule.Index, fireTime), 0) { Origin = RunOrigin.Schedule };
            var launch = await _launcher.StartAsync(request, (unit, _, ct) => AdvanceAsync(unit, schedule, fireTime, next, ct), cancellationToken);
            TriggerLog.ScheduleFired(_logger, workflow, schedule.Index, schedule.Cron, fireTime, launch.Run.Id.Value, launch.Created);
            return new ScheduleFire(workflow, schedule.Index, fireTime, launch.Run.Id.Value, launch.Created);
        }
        catch (Exception e) when (e is not (ScheduleChangedException or OperationCanceledException))
        {
            // The run cannot start (say the workflow's inputs no longer fit); retrying every pass would spin, so this fire is skipped.
            TriggerLog.ScheduleFireFailed(_logger, e, workflow, schedule.Index, fireTime);
            await AdvanceAloneAsync(schedule, fireTime, next, cancellationToken);
            return new ScheduleFire(workflow, schedule.Index, fireTime, null, false);
        }
    }

    private static DateTimeOffset LatestDue(CronExpression cron, TimeZoneInfo zone, DateTimeOffset due, DateTimeOffset now)
    {
        var latest = due;
        for (var i = 0; i < MaxFireTimesWalked && cron.NextAfter(latest, zone) is { } next && next <= now; i++)
        {
            latest = next;
        }

        return latest;
    }

    private async Task<IReadOnlyDictionary<string, string>> ScheduleInputsAsync(ScheduleRecord schedule, CancellationToken cancellationToken)
    {
        await using var unit = await _store.BeginReadAsync(cancellationToken);
        var revision = await unit.Workflows.FindLatestRevisionAsync(schedule.WorkflowId, cancellationToken)
            ?? throw new ScheduleChangedException("the workflow has no revision");
        var schedules = _specs.Definition(revision).Triggers.Schedules;
        return schedule.Index < schedules.Count
            ? schedules[schedule.Index].Inputs
            : throw new ScheduleChangedException("the workflow's latest revision no longer has this schedule");
    }

    private static async Task AdvanceAsync(IUnitOfWork unit, ScheduleRecord schedule, DateTimeOffset fireTime, DateTimeOffset? next, CancellationToken cancellationToken)
    {
        if (!await unit.Schedules.AdvanceAsync(schedule.WorkflowId, schedule.Index, schedule.NextFireAt!.Value, fireTime, next, cancellationToken))
        {
            throw new ScheduleChangedException();
        }
    }

    private async Task AdvanceAloneAsync(ScheduleRecord schedule, DateTimeOffset fireTime, DateTimeOffset? next, CancellationToken cancellationToken)
    {
        await using var unit = await _store.BeginAsync(cancellationToken);
        await AdvanceAsync(unit, schedule, fireTime, next, cancellationToken);
        await unit.CommitAsync(cancellationToken);
    }

    private async Task<(IReadOnlyList<ScheduleRecord> Schedules, Dictionary<long, string> Names)> ReadAsync(CancellationToken cancellationToken)
    {
        await using var unit = await _store.BeginReadAsync(cancellationToken);
        var schedules = await unit.Schedules.ListAsync(cancellationToken);
        var names = (await unit.Workflows.ListAsync(cancellationToken)).ToDictionary(w => w.Id.Value, w => w.Name);
        return (schedules, names);
    }
}
