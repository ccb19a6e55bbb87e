namespace ControlPlane.Docker.Containers;

/// <summary>A container's lifecycle state as the daemon reports it.</summary>
public enum ContainerStatus
{
    /// <summary>A state this client does not know (a newer daemon).</summary>
    Unknown,
    Created,
    Running,
    Paused,
    Restarting,
    Removing,
    Exited,
    Dead,
}
