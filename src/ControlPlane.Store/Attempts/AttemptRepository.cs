using ControlPlane.Core.Attempts;
using ControlPlane.Core.StateMachines;
using ControlPlane.Core.Steps;
using ControlPlane.Core.Storage;
using ControlPlane.Store.Events;
using ControlPlane.Store.Sqlite;

namespace ControlPlane.Store.Attempts;

/// <summary>The <c>attempts</c> table: offers and transitions here, leases and queries in the other partial files.</summary>
internal sealed partial class AttemptRepository : IAttemptRepository
{
    private const string Entity = "attempt";

    private readonly StoreSession _session;
    private readonly EventLog _events;

    public AttemptRepository(StoreSession session, EventLog events)
    {
        _session = session;
        _events = events;
    }

    public async Task<AttemptRecord> OfferAsync(NewAttempt attempt, CancellationToken cancellationToken)
    {
        _session.EnsureWritable(nameof(OfferAsync));
        await using var savepoint = await _session.SavepointAsync(cancellationToken);
        var step = await _session.SingleOrDefaultAsync<(long RunId, string? State)>(
            "SELECT run_id, state FROM steps WHERE id = @id", new { id = attempt.StepId.Value }, cancellationToken);
        if (step.State is null)
        {
            throw new EntityNotFoundException("step", attempt.StepId.ToString());
        }

        var ready = EnumText.ToText(StepState.Ready);
        if (step.State != ready)
        {
            throw new StateConflictException("step", attempt.StepId.ToString(), ready, step.State);
        }

        if (await _session.ScalarAsync<long?>("SELECT id FROM runners WHERE id = @id", new { id = attempt.RunnerId.Value }, cancellationToken) is null)
        {
            throw new EntityNotFoundException("runner", attempt.RunnerId.ToString());
        }

        var epoch = await NextEpochAsync(attempt.StepId.Value, cancellationToken);
        var row = await _session.SingleOrDefaultAsync<AttemptRow>(
            """
            INSERT INTO attempts (step_id, number, runner_id, state, lease_epoch, lease_expires_at, offered_at)
            VALUES (@StepId, (SELECT COALESCE(MAX(number), 0) + 1 FROM attempts WHERE step_id = @StepId), @RunnerId, 'offered', @Epoch, @ExpiresAt, @Now)
            RETURNING *
            """,
            new { StepId = attempt.StepId.Value, RunnerId = attempt.RunnerId.Value, Epoch = epoch, ExpiresAt = UnixMs.From(attempt.LeaseExpiresAt), Now = _session.NowMs() },
            cancellationToken);
        await _events.WriteAsync(
            EventEntry.Created(Entity, AttemptState.Offered) with
            {
                RunId = step.RunId,
                StepId = attempt.StepId.Value,
                AttemptId = row!.Id,
                RunnerId = attempt.RunnerId.Value,
                DataJson = $$"""{"lease_epoch":{{epoch}}}""",
            },
            cancellationToken);
        await savepoint.ReleaseAsync(cancellationToken);
        row.RunId = step.RunId;
        return row.ToRecord();
    }

    public async Task<AttemptRecord?> FindAsync(AttemptId id, CancellationToken cancellationToken) =>
        (await FindRowAsync(id.Value, cancellationToken))?.ToRecord();

    public async Task<AttemptRecord> GetAsync(AttemptId id, CancellationToken cancellationToken) =>
        await FindAsync(id, cancellationToken) ?? throw new EntityNotFoundException(Entity, id.ToString());

    public async Task<AttemptRecord> TransitionAsync(AttemptId id, long epoch, AttemptTrigger trigger, AttemptState expectedFrom, AttemptTransitionDetails? details, CancellationToken cancellationToken)
    {
        var to = AttemptStateMachine.Next(expectedFrom, trigger);
        details ??= new AttemptTransitionDetails();
        _session.EnsureWritable(nameof(TransitionAsync));

        await using var savepoint = await _session.SavepointAsync(cancellationToken);
        var current = await LoadFencedAsync(id, epoch, cancellationToken);
        var expected = EnumText.ToText(expectedFrom);
        if (current.State != expected)
        {
            throw new StateConflictException(Entity, id.ToString(), expected, current.State);
        }

        var now = _session.NowMs();
        var terminal = AttemptStateMachine.IsTerminal(to);
        var updated = await _session.SingleOrDefaultAsync<AttemptRow>(
            """
            UPDATE attempts SET state = @To, lease_epoch = @NewEpoch, lease_expires_at = @LeaseExpiresAt, started_at = @StartedAt,
                finished_at = @FinishedAt, exit_code = @ExitCode, outcome = @Outcome, failure_class = @FailureClass
            WHERE id = @Id AND state = @Expected AND lease_epoch = @Epoch
            RETURNING *
            """,
            new
            {
                Id = id.Value,
                Expected = expected,
                Epoch = epoch,
                To = EnumText.ToText(to),
                NewEpoch = AttemptStateMachine.RevokesLease(trigger) ? await NextEpochAsync(current.StepId, cancellationToken) : epoch,
                LeaseExpiresAt = terminal ? null : current.LeaseExpiresAt,
                StartedAt = to == AttemptState.Running ? now : current.StartedAt,
                FinishedAt = terminal ? now : (long?)null,
                ExitCode = details.ExitCode ?? current.ExitCode,
                Outcome = details.Outcome ?? current.Outcome,
                FailureClass = details.FailureClass is { } failure ? EnumText.ToText(failure) : current.FailureClass,
            },
            cancellationToken) ?? throw new StateConflictException(Entity, id.ToString(), expected, "changed concurrently");

        await _events.WriteAsync(
            EventEntry.Transition(Entity, trigger, expectedFrom, to) with
            {
                RunId = current.RunId,
                StepId = current.StepId,
                AttemptId = id.Value,
                RunnerId = current.RunnerId,
                DataJson = details.EventDataJson,
            },
            cancellationToken);
        await savepoint.ReleaseAsync(cancellationToken);
        updated.RunId = current.RunId;
        return updated.ToRecord();
    }

    /// <summary>Takes the step's next lease epoch: epochs grow per step across all its attempts.</summary>
    private async Task<long> NextEpochAsync(long stepId, CancellationToken cancellationToken) =>
        await _session.ScalarAsync<long>("UPDATE steps SET lease_epoch = lease_epoch + 1 WHERE id = @stepId RETURNING lease_epoch", new { stepId }, cancellationToken);

    /// <summary>Loads the attempt and checks the presented epoch before anything else.</summary>
    /// <exception cref="StaleLeaseException">The epoch is not current.</exception>
    private async Task<AttemptRow> LoadFencedAsync(AttemptId id, long epoch, CancellationToken cancellationToken)
    {
        var row = await FindRowAsync(id.Value, cancellationToken) ?? throw new EntityNotFoundException(Entity, id.ToString());
        return row.LeaseEpoch == epoch ? row : throw new StaleLeaseException(id, epoch, row.LeaseEpoch);
    }

    private Task<AttemptRow?> FindRowAsync(long id, CancellationToken cancellationToken) =>
        _session.SingleOrDefaultAsync<AttemptRow>($"{AttemptRow.Select} WHERE a.id = @id", new { id }, cancellationToken);
}
