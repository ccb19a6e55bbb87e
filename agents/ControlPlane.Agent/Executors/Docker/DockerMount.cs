namespace ControlPlane.Agent.Executors.Docker;

/// <summary>A directory of the attempt's workspace mounted into the step's container.</summary>
/// <param name="Source">Relative to the workspace, <c>.</c> for all of it; created if missing. Absolute paths, paths that leave the workspace and paths through symbolic links are refused.</param>
/// <param name="Target">Absolute path inside the container.</param>
/// <param name="ReadOnly">Mount read-only.</param>
public sealed record DockerMount(string Source, string Target, bool ReadOnly = false);
