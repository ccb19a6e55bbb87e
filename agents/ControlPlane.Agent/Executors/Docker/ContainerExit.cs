namespace ControlPlane.Agent.Executors.Docker;

/// <summary>How a container's main process ended.</summary>
/// <param name="ExitCode">The process's exit status; 128 + n when signal n killed it (137 for SIGKILL).</param>
/// <param name="Error">An error the daemon reported while waiting, if any.</param>
public sealed record ContainerExit(int ExitCode, string? Error);
