using ControlPlane.Core.Runs;
using ControlPlane.Core.StateMachines;
using ControlPlane.Core.Steps;
using ControlPlane.Core.Storage;
using ControlPlane.Store.Events;
using ControlPlane.Store.Sqlite;

namespace ControlPlane.Store.Steps;

/// <summary>The <c>steps</c> table: plans and transitions here, the scheduler's queries in StepRepository.Queries.cs.</summary>
internal sealed partial class StepRepository : IStepRepository
{
    private const string Entity = "step";

    private readonly StoreSession _session;
    private readonly EventLog _events;

    public StepRepository(StoreSession session, EventLog events)
    {
        _session = session;
        _events = events;
    }

    public async Task<IReadOnlyList<StepRecord>> CreatePlanAsync(RunId runId, IReadOnlyList<NewStep> steps, CancellationToken cancellationToken)
    {
        _session.EnsureWritable(nameof(CreatePlanAsync));
        var duplicate = steps.GroupBy(s => s.Key, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"The plan lists step '{duplicate.Key}' more than once.", nameof(steps));
        }

        await using var savepoint = await _session.SavepointAsync(cancellationToken);
        if (await _session.ScalarAsync<long?>("SELECT id FROM runs WHERE id = @id", new { id = runId.Value }, cancellationToken) is null)
        {
            throw new EntityNotFoundException("run", runId.ToString());
        }

        var created = new List<StepRecord>(steps.Count);
        foreach (var step in steps)
        {
            var row = await _session.SingleOrDefaultAsync<StepRow>(
                """
                INSERT INTO steps (run_id, step_key, state, needs_json, spec_json, matrix_group, created_at)
                VALUES (@RunId, @Key, 'pending', @NeedsJson, @SpecJson, @MatrixGroup, @Now)
                RETURNING *
                """,
                new { RunId = runId.Value, step.Key, NeedsJson = JsonList.Write(step.Needs), step.SpecJson, step.MatrixGroup, Now = _session.NowMs() },
                cancellationToken);
            await _events.WriteAsync(EventEntry.Created(Entity, StepState.Pending) with { RunId = runId.Value, StepId = row!.Id }, cancellationToken);
            created.Add(row.ToRecord());
        }

        await savepoint.ReleaseAsync(cancellationToken);
        return created;
    }

    public async Task<StepRecord?> FindAsync(StepId id, CancellationToken cancellationToken) =>
        (await FindRowAsync(id.Value, cancellationToken))?.ToRecord();

    public async Task<StepRecord> GetAsync(StepId id, CancellationToken cancellationToken) =>
        await FindAsync(id, cancellationToken) ?? throw new EntityNotFoundException(Entity, id.ToString());

    public async Task<StepRecord?> FindByKeyAsync(RunId runId, string key, CancellationToken cancellationToken) =>
        (await _session.SingleOrDefaultAsync<StepRow>(
            "SELECT * FROM steps WHERE run_id = @runId AND step_key = @key",
            new { runId = runId.Value, key },
            cancellationToken))?.ToRecord();

    public async Task<IReadOnlyList<StepRecord>> ListByRunAsync(RunId runId, CancellationToken cancellationToken) =>
        [.. (await _session.ListAsync<StepRow>("SELECT * FROM steps WHERE run_id = @runId ORDER BY id", new { runId = runId.Value }, cancellationToken)).Select(r => r.ToRecord())];

    public async Task<StepRecord> TransitionAsync(StepId id, StepTrigger trigger, StepState expectedFrom, StepTransitionDetails? details, CancellationToken cancellationToken)
    {
        var to = StepStateMachine.Next(expectedFrom, trigger);
        details ??= new StepTransitionDetails();
        StepTransitionRules.Validate(to, details);
        _session.EnsureWritable(nameof(TransitionAsync));

        await using var savepoint = await _session.SavepointAsync(cancellationToken);
        var current = await FindRowAsync(id.Value, cancellationToken) ?? throw new EntityNotFoundException(Entity, id.ToString());
        var expected = EnumText.ToText(expectedFrom);
        if (current.State != expected)
        {
            throw new StateConflictException(Entity, id.ToString(), expected, current.State);
        }

        var next = StepTransitionRules.Apply(current, trigger, to, details, _session.NowMs());
        var updated = await _session.SingleOrDefaultAsync<StepRow>(
            """
            UPDATE steps SET state = @State, not_before = @NotBefore, pending_reason = @PendingReason, outcome = @Outcome,
                exit_code = @ExitCode, outputs_json = @OutputsJson, ready_at = @ReadyAt, started_at = @StartedAt, finished_at = @FinishedAt
            WHERE id = @Id AND state = @Expected
            RETURNING *
            """,
            new { next.State, next.NotBefore, next.PendingReason, next.Outcome, next.ExitCode, next.OutputsJson, next.ReadyAt, next.StartedAt, next.FinishedAt, next.Id, Expected = expected },
            cancellationToken) ?? throw new StateConflictException(Entity, id.ToString(), expected, "changed concurrently");

        await _events.WriteAsync(
            EventEntry.Transition(Entity, trigger, expectedFrom, to) with
            {
                RunId = current.RunId,
                StepId = current.Id,
                AttemptId = details.Attempt?.Value,
                DataJson = details.EventDataJson,
            },
            cancellationToken);
        await savepoint.ReleaseAsync(cancellationToken);
        return updated.ToRecord();
    }

    public async Task SetPendingReasonAsync(StepId id, string? reason, CancellationToken cancellationToken)
    {
        _session.EnsureWritable(nameof(SetPendingReasonAsync));
        var changed = await _session.ExecuteAsync("UPDATE steps SET pending_reason = @reason WHERE id = @id", new { id = id.Value, reason }, cancellationToken);
        if (changed == 0)
        {
            throw new EntityNotFoundException(Entity, id.ToString());
        }
    }

    private Task<StepRow?> FindRowAsync(long id, CancellationToken cancellationToken) =>
        _session.SingleOrDefaultAsync<StepRow>("SELECT * FROM steps WHERE id = @id", new { id }, cancellationToken);
}
