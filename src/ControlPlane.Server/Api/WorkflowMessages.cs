using ControlPlane.Contracts.V1;
using ControlPlane.Core.Workflows;
using ControlPlane.Server.Queries;

namespace ControlPlane.Server.Api;

/// <summary>Maps workflows and revisions to their wire form.</summary>
internal static class WorkflowMessages
{
    public static Workflow ToProto(WorkflowView view) => new()
    {
        Name = view.Workflow.Name,
        CreatedAt = ProtoTime.From(view.Workflow.CreatedAt),
        LatestRevision = view.LatestRevision is { } latest ? ToProto(latest, view.Workflow.Name, withSource: false) : null,
    };

    public static WorkflowRevision ToProto(WorkflowRevisionRecord revision, string workflowName, bool withSource) => new()
    {
        Id = revision.Id.Value,
        WorkflowName = workflowName,
        ContentHash = revision.ContentHash,
        FileName = revision.FileName,
        CreatedAt = ProtoTime.From(revision.CreatedAt),
        Source = withSource ? revision.Source : "",
    };
}
