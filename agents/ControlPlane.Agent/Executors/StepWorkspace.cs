using System.Text;
using ControlPlane.Agent.Attempts;

namespace ControlPlane.Agent.Executors;

/// <summary>
/// The per-attempt directory <c>{work}/{run}/{step}/{attempt}/</c>: <c>step.sh</c> (a shell step's script),
/// <c>outputs</c> (<c>$CP_OUTPUT</c>) and <c>workspace/</c> (<c>$CP_WORKSPACE</c>, where the step runs). The script
/// and the outputs file live beside the workspace, not in it, so a step can clone into an empty workspace.
/// </summary>
internal sealed record StepWorkspace(string AttemptDirectory, string Workspace, string ScriptPath, string OutputsPath, string WorkingDirectory)
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = OwnerOnly | UnixFileMode.UserExecute;
    private const UnixFileMode EveryoneReadWrite = OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;
    private const UnixFileMode EveryoneDirectory = EveryoneReadWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
    private const UnixFileMode PassableDirectory = OwnerOnlyDirectory | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <summary>
    /// Creates the directory. It must not exist yet: an attempt runs at most once on a machine, so a leftover directory
    /// means this attempt already ran here (for example before an agent restart) and must not run again. Every mode is
    /// set explicitly, so the umask changes nothing. The run and step directories above it are 0711 (passable, not
    /// listable); the work directory itself decides who may pass at all (see <see cref="WorkDirectory"/>).
    /// </summary>
    /// <param name="script">The script to write to <see cref="ScriptPath"/>; null writes none.</param>
    /// <param name="sharedWithContainer">
    /// Whether a container mounts the workspace and the outputs file. The container's user may be any uid, so then
    /// both are writable by everyone; the attempt directory stays the agent's own (mode 700), which keeps other users
    /// of this machine out, because the container reaches them through its mounts, not through that path.
    /// </param>
    /// <param name="stepUser">
    /// The user the step runs as, or null for the agent's own. The attempt directory stays the agent's (0710, group of
    /// the step user: passable, not listable, not writable, so the step can neither rename <c>step.sh</c> or
    /// <c>outputs</c> nor put a link in their place); <c>step.sh</c> (0600), <c>outputs</c> (0600) and
    /// <c>workspace/</c> (0700) belong to the step user.
    /// </param>
    /// <exception cref="StepSetupException">The directory exists, a path is refused, or the files cannot be written.</exception>
    public static async Task<StepWorkspace> CreateAsync(
        string workDirectory, AttemptKey attempt, string? workingDirectory, string? script, bool sharedWithContainer, CancellationToken cancellationToken, StepUser? stepUser = null)
    {
        var attemptDirectory = Path.Combine(workDirectory, attempt.RelativePath);
        if (Directory.Exists(attemptDirectory))
        {
            throw new StepSetupException($"The attempt directory {attemptDirectory} already exists: attempt {attempt} already ran on this machine.");
        }

        try
        {
            lock (WorkDirectory.Layout)
            {
                CreatePassable(workDirectory, Path.GetDirectoryName(attemptDirectory)!);
                Directory.CreateDirectory(attemptDirectory, OwnerOnlyDirectory);
            }

            var workspace = Directory.CreateDirectory(Path.Combine(attemptDirectory, "workspace"), OwnerOnlyDirectory).FullName;
            File.SetUnixFileMode(attemptDirectory, stepUser is null ? OwnerOnlyDirectory : OwnerOnlyDirectory | UnixFileMode.GroupExecute);
            File.SetUnixFileMode(workspace, sharedWithContainer ? EveryoneDirectory : OwnerOnlyDirectory);
            var layout = new StepWorkspace(
                attemptDirectory,
                workspace,
                Path.Combine(attemptDirectory, "step.sh"),
                Path.Combine(attemptDirectory, "outputs"),
                ResolveDirectory(workspace, workingDirectory, "working_directory"));
            if (script is not null)
            {
                await WriteNewAsync(layout.ScriptPath, script, OwnerOnly, cancellationToken);
            }

            await WriteNewAsync(layout.OutputsPath, "", sharedWithContainer ? EveryoneReadWrite : OwnerOnly, cancellationToken);
            if (stepUser is not null)
            {
                GiveTo(stepUser, layout, script is not null);
            }

            return layout;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StepSetupException($"Could not prepare {attemptDirectory}: {ex.Message}", ex);
        }
    }

    // The run and step directories: created 0711 whatever the umask, and set again if they exist (another attempt of
    // the run, or an older agent, may have made them), so a step user can always pass through to its attempt.
    private static void CreatePassable(string workDirectory, string directory)
    {
        var relative = Path.GetRelativePath(workDirectory, directory);
        var current = workDirectory;
        foreach (var part in relative.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            Directory.CreateDirectory(current, PassableDirectory);
            File.SetUnixFileMode(current, PassableDirectory);
        }
    }

    private static void GiveTo(StepUser user, StepWorkspace layout, bool hasScript)
    {
        Native.Libc.ChangeOwner(layout.AttemptDirectory, -1, user.GroupId);
        Native.Libc.ChangeOwner(layout.OutputsPath, user.UserId, user.GroupId);
        if (hasScript)
        {
            Native.Libc.ChangeOwner(layout.ScriptPath, user.UserId, user.GroupId);
        }

        // The workspace is fresh: what is in it (the working directory) the agent made just now.
        foreach (var directory in Directory.EnumerateDirectories(layout.Workspace, "*", SearchOption.AllDirectories).Prepend(layout.Workspace))
        {
            Native.Libc.ChangeOwner(directory, user.UserId, user.GroupId);
        }
    }

    /// <summary>
    /// A directory inside the workspace, created if missing; null or empty means the workspace itself. Absolute paths,
    /// paths that leave the workspace and paths through a symbolic link are refused: the workspace holds what earlier
    /// commands put there, and a link could point anywhere on the host.
    /// </summary>
    /// <param name="what">Names the field in the error message, e.g. <c>working_directory</c>.</param>
    /// <exception cref="StepSetupException">The path is refused.</exception>
    /// <exception cref="IOException">The directory cannot be created.</exception>
    public static string ResolveDirectory(string workspace, string? relative, string what)
    {
        if (string.IsNullOrEmpty(relative))
        {
            return workspace;
        }

        var resolved = Path.TrimEndingDirectorySeparator(Path.GetFullPath(Path.Combine(workspace, relative)));
        if (Path.IsPathRooted(relative) || !(resolved == workspace || resolved.StartsWith(workspace + "/", StringComparison.Ordinal)))
        {
            throw new StepSetupException($"{what} '{relative}' must be a relative path inside the workspace.");
        }

        var current = workspace;
        foreach (var part in Path.GetRelativePath(workspace, resolved).Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != "."))
        {
            current = Path.Combine(current, part);
            if (new DirectoryInfo(current).LinkTarget is not null)
            {
                throw new StepSetupException($"{what} '{relative}' goes through the symbolic link {current}, which is refused.");
            }

            if (File.Exists(current))
            {
                throw new StepSetupException($"{what} '{relative}': {current} is a file, not a directory.");
            }

            Directory.CreateDirectory(current);
        }

        return resolved;
    }

    private static async Task WriteNewAsync(string path, string text, UnixFileMode mode, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = mode };
        await using (var stream = new FileStream(path, options))
        {
            await stream.WriteAsync(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text), cancellationToken);
        }

        // The umask narrows the create mode; a file shared with a container must really be as open as asked.
        File.SetUnixFileMode(path, mode);
    }
}
