namespace ControlPlane.Agent.Processes;

/// <summary>The result of looking for a recorded process group.</summary>
/// <param name="Status">Whether it is still there and still ours.</param>
/// <param name="Members">Pids of its live processes when <see cref="ReattachStatus.Running"/> or <see cref="ReattachStatus.Orphaned"/>.</param>
public sealed record ReattachProbe(ReattachStatus Status, IReadOnlyList<int> Members)
{
    /// <summary>True when something of ours is alive and may be killed.</summary>
    public bool IsAlive => Status is ReattachStatus.Running or ReattachStatus.Orphaned;
}
