namespace ControlPlane.Server.Scheduling.Runs;

/// <summary>No workflow (or no such revision of it) has been applied under the name.</summary>
public sealed class WorkflowNotFoundException : Exception
{
    public WorkflowNotFoundException(string workflowName, string detail)
        : base($"Workflow '{workflowName}' {detail}.")
    {
        WorkflowName = workflowName;
    }

    public string WorkflowName { get; }
}
