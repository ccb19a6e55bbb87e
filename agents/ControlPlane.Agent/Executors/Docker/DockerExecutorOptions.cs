namespace ControlPlane.Agent.Executors.Docker;

/// <summary>Where docker steps keep their workspaces and how their containers are run and stopped.</summary>
public sealed class DockerExecutorOptions
{
    /// <summary>Absolute directory under which each attempt gets <c>{run}/{step}/{attempt}/</c>. Required.</summary>
    public string WorkDirectory { get; set; } = "";

    /// <summary>Where the attempt's workspace is mounted in the container (<c>CP_WORKSPACE</c>). Default <c>/workspace</c>.</summary>
    public string ContainerWorkspace { get; set; } = "/workspace";

    /// <summary>
    /// Where the attempt's outputs file is mounted in the container (<c>CP_OUTPUT</c>); its directory is
    /// <c>CP_ATTEMPT_DIR</c>. Default <c>/cp/outputs</c>. The file is a mount: appending and truncating work, deleting
    /// or renaming it does not.
    /// </summary>
    public string ContainerOutputsFile { get; set; } = "/cp/outputs";

    /// <summary>
    /// How long a cancelled or timed-out container gets between SIGTERM and SIGKILL. Whole seconds (Docker rounds
    /// up). Default 10 s.
    /// </summary>
    public TimeSpan StopGrace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long, after the container stopped, to wait for the rest of its output before giving up on it. Default 10 s.
    /// </summary>
    public TimeSpan OutputDrainTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The container's network: <c>bridge</c> (the default, as <c>docker run</c>), <c>host</c>, <c>none</c> or a
    /// network's name.
    /// </summary>
    public string NetworkMode { get; set; } = "bridge";

    /// <summary>The largest outputs file read; a larger one yields no outputs and a warning. Default 1 MiB.</summary>
    public int MaxOutputsFileBytes { get; set; } = 1024 * 1024;

    /// <exception cref="ArgumentException">A relative path or an out-of-range value.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(WorkDirectory) || !Path.IsPathRooted(WorkDirectory))
        {
            throw new ArgumentException($"The work directory must be absolute, was '{WorkDirectory}'.", nameof(WorkDirectory));
        }

        if (!ContainerWorkspace.StartsWith('/') || !ContainerOutputsFile.StartsWith('/') || ContainerOutputsFile.EndsWith('/'))
        {
            throw new ArgumentException("The container workspace and outputs file must be absolute paths.");
        }

        if (StopGrace < TimeSpan.Zero || OutputDrainTimeout < TimeSpan.Zero || MaxOutputsFileBytes <= 0 || string.IsNullOrWhiteSpace(NetworkMode))
        {
            throw new ArgumentException("Stop grace and drain timeout must not be negative, the outputs cap must be positive and the network mode set.");
        }
    }
}
