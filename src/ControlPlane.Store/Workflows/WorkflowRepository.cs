using ControlPlane.Core.Workflows;
using ControlPlane.Store.Sqlite;

namespace ControlPlane.Store.Workflows;

/// <summary>The <c>workflows</c> and <c>workflow_revisions</c> tables.</summary>
internal sealed class WorkflowRepository : IWorkflowRepository
{
    private readonly StoreSession _session;

    public WorkflowRepository(StoreSession session)
    {
        _session = session;
    }

    public async Task<WorkflowRevisionRecord> SaveRevisionAsync(NewWorkflowRevision revision, CancellationToken cancellationToken)
    {
        _session.EnsureWritable(nameof(SaveRevisionAsync));
        await using var savepoint = await _session.SavepointAsync(cancellationToken);
        var now = _session.NowMs();
        var workflowId = await _session.ScalarAsync<long?>("SELECT id FROM workflows WHERE name = @WorkflowName", revision, cancellationToken)
            ?? await _session.ScalarAsync<long>("INSERT INTO workflows (name, created_at) VALUES (@name, @now) RETURNING id", new { name = revision.WorkflowName, now }, cancellationToken);

        var existing = await _session.SingleOrDefaultAsync<WorkflowRevisionRow>(
            "SELECT * FROM workflow_revisions WHERE workflow_id = @workflowId AND content_hash = @ContentHash",
            new { workflowId, revision.ContentHash },
            cancellationToken);
        var row = existing ?? await _session.SingleOrDefaultAsync<WorkflowRevisionRow>(
            """
            INSERT INTO workflow_revisions (workflow_id, content_hash, file_name, source, created_at)
            VALUES (@workflowId, @ContentHash, @FileName, @Source, @now)
            RETURNING *
            """,
            new { workflowId, revision.ContentHash, revision.FileName, revision.Source, now },
            cancellationToken);
        await savepoint.ReleaseAsync(cancellationToken);
        return row!.ToRecord();
    }

    public async Task<WorkflowRecord?> FindByNameAsync(string name, CancellationToken cancellationToken) =>
        (await _session.SingleOrDefaultAsync<WorkflowRow>("SELECT * FROM workflows WHERE name = @name", new { name }, cancellationToken))?.ToRecord();

    public async Task<WorkflowRecord?> FindAsync(WorkflowId id, CancellationToken cancellationToken) =>
        (await _session.SingleOrDefaultAsync<WorkflowRow>("SELECT * FROM workflows WHERE id = @id", new { id = id.Value }, cancellationToken))?.ToRecord();

    public async Task<WorkflowRevisionRecord?> FindRevisionAsync(WorkflowRevisionId id, CancellationToken cancellationToken) =>
        (await _session.SingleOrDefaultAsync<WorkflowRevisionRow>("SELECT * FROM workflow_revisions WHERE id = @id", new { id = id.Value }, cancellationToken))?.ToRecord();

    public async Task<WorkflowRevisionRecord?> FindLatestRevisionAsync(WorkflowId id, CancellationToken cancellationToken) =>
        (await _session.SingleOrDefaultAsync<WorkflowRevisionRow>(
            "SELECT * FROM workflow_revisions WHERE workflow_id = @id ORDER BY id DESC LIMIT 1",
            new { id = id.Value },
            cancellationToken))?.ToRecord();

    public async Task<IReadOnlyList<WorkflowRecord>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await _session.ListAsync<WorkflowRow>("SELECT * FROM workflows ORDER BY name", null, cancellationToken)).Select(r => r.ToRecord())];
}
