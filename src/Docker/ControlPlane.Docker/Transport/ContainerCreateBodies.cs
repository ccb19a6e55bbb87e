using ControlPlane.Docker.Containers;

namespace ControlPlane.Docker.Transport;

/// <summary>Maps a <see cref="ContainerSpec"/> to the create request: no TTY, stdin closed, stdout and stderr attachable.</summary>
internal static class ContainerCreateBodies
{
    public static ContainerCreateBody From(ContainerSpec spec) => new()
    {
        Image = spec.Image,
        Cmd = spec.Command,

        // The API reads an empty list as "not given"; [""] is how it spells "no entrypoint".
        Entrypoint = spec.Entrypoint is { Count: 0 } ? [""] : spec.Entrypoint,
        Env = spec.Environment.Count == 0 ? null : [.. spec.Environment.Select(pair => $"{pair.Key}={pair.Value}")],
        WorkingDir = spec.WorkingDirectory,
        User = spec.User,
        Labels = spec.Labels.Count == 0 ? null : spec.Labels,
        Tty = false,
        OpenStdin = false,
        StdinOnce = false,
        AttachStdin = false,
        AttachStdout = true,
        AttachStderr = true,
        StopSignal = spec.StopSignal,
        StopTimeout = spec.StopTimeout is { } timeout ? (int)Math.Ceiling(timeout.TotalSeconds) : null,
        HostConfig = new HostConfigBody(
            spec.NetworkMode,
            spec.Mounts.Count == 0 ? null : [.. spec.Mounts.Select(mount => new MountBody("bind", mount.HostPath, mount.ContainerPath, mount.ReadOnly))]),
    };
}
