namespace ControlPlane.Agent.Executors;

/// <summary>Where a step finds its attempt's directories, as seen from where it runs (the host or a container).</summary>
/// <param name="Workspace">Becomes <c>CP_WORKSPACE</c>.</param>
/// <param name="OutputsFile">Becomes <c>CP_OUTPUT</c>.</param>
/// <param name="AttemptDirectory">Becomes <c>CP_ATTEMPT_DIR</c>.</param>
internal sealed record StepPaths(string Workspace, string OutputsFile, string AttemptDirectory)
{
    public static StepPaths OnHost(StepWorkspace workspace) => new(workspace.Workspace, workspace.OutputsPath, workspace.AttemptDirectory);
}
