using ControlPlane.Core.Attempts;
using ControlPlane.Core.Runners;
using ControlPlane.Core.StateMachines;
using ControlPlane.Core.Storage;
using ControlPlane.Store.Events;
using ControlPlane.Store.Sqlite;

namespace ControlPlane.Store.Attempts;

/// <summary>Lease grants, extensions and the fenced process record.</summary>
internal sealed partial class AttemptRepository
{
    public async Task<Lease> GrantLeaseAsync(AttemptId id, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        _session.EnsureWritable(nameof(GrantLeaseAsync));
        await using var savepoint = await _session.SavepointAsync(cancellationToken);
        var current = await FindRowAsync(id.Value, cancellationToken) ?? throw new EntityNotFoundException(Entity, id.ToString());
        RequireLive(current);

        var epoch = await NextEpochAsync(current.StepId, cancellationToken);
        await _session.ExecuteAsync(
            "UPDATE attempts SET lease_epoch = @epoch, lease_expires_at = @expiresAt WHERE id = @id",
            new { id = id.Value, epoch, expiresAt = UnixMs.From(expiresAt) },
            cancellationToken);
        await _events.WriteAsync(
            new EventEntry(Entity, "lease_granted")
            {
                RunId = current.RunId,
                StepId = current.StepId,
                AttemptId = id.Value,
                RunnerId = current.RunnerId,
                DataJson = $$"""{"lease_epoch":{{epoch}},"replaces":{{current.LeaseEpoch}}}""",
            },
            cancellationToken);
        await savepoint.ReleaseAsync(cancellationToken);
        return new Lease(id, new RunnerId(current.RunnerId), epoch, UnixMs.ToTime(UnixMs.From(expiresAt)));
    }

    public async Task<Lease> ExtendLeaseAsync(AttemptId id, long epoch, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        _session.EnsureWritable(nameof(ExtendLeaseAsync));
        var current = await LoadFencedAsync(id, epoch, cancellationToken);
        RequireLive(current);

        var expiry = Math.Max(current.LeaseExpiresAt ?? 0, UnixMs.From(expiresAt));
        await _session.ExecuteAsync(
            "UPDATE attempts SET lease_expires_at = @expiry WHERE id = @id AND lease_epoch = @epoch",
            new { id = id.Value, epoch, expiry },
            cancellationToken);
        return new Lease(id, new RunnerId(current.RunnerId), epoch, UnixMs.ToTime(expiry));
    }

    public async Task RecordProcessAsync(AttemptId id, long epoch, string processRef, CancellationToken cancellationToken)
    {
        _session.EnsureWritable(nameof(RecordProcessAsync));
        await using var savepoint = await _session.SavepointAsync(cancellationToken);
        var current = await LoadFencedAsync(id, epoch, cancellationToken);
        RequireLive(current);

        await _session.ExecuteAsync(
            "UPDATE attempts SET process_ref = @processRef WHERE id = @id AND lease_epoch = @epoch",
            new { id = id.Value, epoch, processRef },
            cancellationToken);
        await _events.WriteAsync(
            new EventEntry(Entity, "process_recorded")
            {
                RunId = current.RunId,
                StepId = current.StepId,
                AttemptId = id.Value,
                RunnerId = current.RunnerId,
                DataJson = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["process_ref"] = processRef }),
            },
            cancellationToken);
        await savepoint.ReleaseAsync(cancellationToken);
    }

    private static void RequireLive(AttemptRow row)
    {
        if (!AttemptStateMachine.IsLive(EnumText.Parse<AttemptState>(row.State)))
        {
            throw new StateConflictException(Entity, row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "offered or running", row.State);
        }
    }
}
