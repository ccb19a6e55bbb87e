using Docker.DotNet.Models;

namespace ControlPlane.Agent.Executors.Docker;

/// <summary>What a docker step's container is created from, and the attempt directory it uses on the host.</summary>
internal sealed record ContainerPlan(CreateContainerParameters Parameters, StepWorkspace Workspace)
{
    /// <summary>
    /// Creates the attempt directory and turns the step into a container spec: the workspace and the outputs file
    /// mounted, the step's mounts resolved inside the workspace, the <c>CP_*</c> variables as the container sees them,
    /// and the labels that name runner and attempt. The container never gets a TTY and its stdin is closed, so its
    /// stdout and stderr stay separate and a step cannot block waiting for input.
    /// </summary>
    /// <exception cref="StepSetupException">The workspace, a mount, the working directory or a variable is refused.</exception>
    public static async Task<ContainerPlan> PrepareAsync(DockerStep step, DockerExecutorOptions options, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(step.Image))
        {
            throw new StepSetupException("The docker step has no image.");
        }

        if (string.IsNullOrWhiteSpace(step.RunnerName))
        {
            throw new StepSetupException("The runner name (for the container's labels) is empty.");
        }

        var relativeWorkingDirectory = IsAbsolute(step.WorkingDirectory) ? null : step.WorkingDirectory;
        var workspace = await StepWorkspace.CreateAsync(options.WorkDirectory, step.Attempt, relativeWorkingDirectory, script: null, sharedWithContainer: true, cancellationToken);
        var containerWorkingDirectory = IsAbsolute(step.WorkingDirectory)
            ? step.WorkingDirectory!
            : ToContainerPath(options.ContainerWorkspace, Path.GetRelativePath(workspace.Workspace, workspace.WorkingDirectory));
        var paths = new StepPaths(options.ContainerWorkspace, options.ContainerOutputsFile, Path.GetDirectoryName(options.ContainerOutputsFile)!);
        var environment = StepEnvironment.Build(step.Attempt, step.Environment, paths, inheritAgentEnvironment: false);
        var parameters = new CreateContainerParameters
        {
            Image = step.Image,
            Cmd = step.Command.Count == 0 ? null : [.. step.Command],
            Entrypoint = step.Entrypoint.Count == 0 ? null : [.. step.Entrypoint],
            Env = [.. environment.Select(pair => $"{pair.Key}={pair.Value}")],
            WorkingDir = containerWorkingDirectory,
            User = step.User ?? "", // empty keeps the image's USER
            Labels = DockerLabels.For(step.RunnerName, step.Attempt),
            Tty = false,
            OpenStdin = false,
            StdinOnce = false,
            AttachStdin = false,
            AttachStdout = true,
            AttachStderr = true,
            StopSignal = "SIGTERM",
            StopTimeout = TimeSpan.FromSeconds(Math.Ceiling(options.StopGrace.TotalSeconds)),
            HostConfig = new HostConfig
            {
                NetworkMode = options.NetworkMode,

                // Mounts, not Binds: a missing host path is an error instead of a directory created behind our back.
                Mounts =
                [
                    Bind(workspace.Workspace, options.ContainerWorkspace, readOnly: false),
                    Bind(workspace.OutputsPath, options.ContainerOutputsFile, readOnly: false),
                    .. step.Mounts.Select((mount, index) => Resolve(mount, index, workspace.Workspace, options)),
                ],
            },
        };
        return new ContainerPlan(parameters, workspace);
    }

    private static Mount Resolve(DockerMount mount, int index, string workspace, DockerExecutorOptions options)
    {
        var where = $"mounts[{index}]";
        if (!IsAbsolute(mount.Target) || mount.Target.Split('/').Contains(".."))
        {
            throw new StepSetupException($"{where}.target '{mount.Target}' must be an absolute path in the container without '..'.");
        }

        var target = mount.Target.TrimEnd('/');
        if (target.Length == 0 || target == options.ContainerWorkspace.TrimEnd('/') || target == options.ContainerOutputsFile)
        {
            throw new StepSetupException($"{where}.target '{mount.Target}' is taken (the root, the workspace or the outputs file).");
        }

        var source = mount.Source == "." ? "" : mount.Source;
        return Bind(StepWorkspace.ResolveDirectory(workspace, source, $"{where}.source"), target, mount.ReadOnly);
    }

    private static Mount Bind(string hostPath, string containerPath, bool readOnly) =>
        new() { Type = "bind", Source = hostPath, Target = containerPath, ReadOnly = readOnly };

    private static bool IsAbsolute(string? path) => path is not null && path.StartsWith('/');

    private static string ToContainerPath(string root, string relative) =>
        relative == "." ? root : root.TrimEnd('/') + "/" + relative;
}
