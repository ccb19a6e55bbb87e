using ControlPlane.Core.Workflows;
using ControlPlane.Store.Sqlite;

namespace ControlPlane.Store.Workflows;

/// <summary>A <c>workflows</c> row as SQLite returns it.</summary>
internal sealed class WorkflowRow
{
    public long Id { get; set; }

    public string Name { get; set; } = "";

    public long CreatedAt { get; set; }

    public WorkflowRecord ToRecord() => new(new WorkflowId(Id), Name, UnixMs.ToTime(CreatedAt));
}

/// <summary>A <c>workflow_revisions</c> row as SQLite returns it.</summary>
internal sealed class WorkflowRevisionRow
{
    public long Id { get; set; }

    public long WorkflowId { get; set; }

    public string ContentHash { get; set; } = "";

    public string FileName { get; set; } = "";

    public string Source { get; set; } = "";

    public long CreatedAt { get; set; }

    public WorkflowRevisionRecord ToRecord() =>
        new(new WorkflowRevisionId(Id), new WorkflowId(WorkflowId), ContentHash, FileName, Source, UnixMs.ToTime(CreatedAt));
}
