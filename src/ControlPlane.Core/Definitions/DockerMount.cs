namespace ControlPlane.Core.Definitions;

/// <summary>Part of the step workspace mounted into the container.</summary>
/// <param name="Source">A path relative to the step workspace ("." for all of it); never leaves the workspace.</param>
/// <param name="Target">An absolute path inside the container.</param>
public sealed record DockerMount(string Source, string Target, bool ReadOnly);
