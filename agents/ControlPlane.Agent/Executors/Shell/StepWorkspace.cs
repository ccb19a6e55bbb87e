using System.Text;

namespace ControlPlane.Agent.Executors.Shell;

/// <summary>
/// The per-attempt directory <c>{work}/{run}/{step}/{attempt}/</c>: <c>step.sh</c> (the script), <c>outputs</c>
/// (<c>$CP_OUTPUT</c>) and <c>workspace/</c> (<c>$CP_WORKSPACE</c>, where the script runs). The script lives beside
/// the workspace, not in it, so a step can clone into an empty workspace.
/// </summary>
internal sealed record StepWorkspace(string AttemptDirectory, string Workspace, string ScriptPath, string OutputsPath, string WorkingDirectory)
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Creates the directory. It must not exist yet: an attempt runs at most once on a machine, so a leftover directory
    /// means this attempt already ran here (for example before an agent restart) and must not run again.
    /// </summary>
    /// <exception cref="StepSetupException">The directory exists, a path is refused, or the files cannot be written.</exception>
    public static async Task<StepWorkspace> CreateAsync(string workDirectory, ShellStep step, CancellationToken cancellationToken)
    {
        var attemptDirectory = Path.Combine(workDirectory, step.Attempt.RelativePath);
        if (Directory.Exists(attemptDirectory))
        {
            throw new StepSetupException($"The attempt directory {attemptDirectory} already exists: attempt {step.Attempt} already ran on this machine.");
        }

        try
        {
            var workspace = Directory.CreateDirectory(Path.Combine(attemptDirectory, "workspace")).FullName;
            var layout = new StepWorkspace(
                attemptDirectory,
                workspace,
                Path.Combine(attemptDirectory, "step.sh"),
                Path.Combine(attemptDirectory, "outputs"),
                ResolveWorkingDirectory(workspace, step.WorkingDirectory));
            Directory.CreateDirectory(layout.WorkingDirectory);
            await WriteOwnerOnlyAsync(layout.ScriptPath, step.Script, cancellationToken);
            await WriteOwnerOnlyAsync(layout.OutputsPath, "", cancellationToken);
            return layout;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StepSetupException($"Could not prepare {attemptDirectory}: {ex.Message}", ex);
        }
    }

    private static string ResolveWorkingDirectory(string workspace, string? relative)
    {
        if (string.IsNullOrEmpty(relative))
        {
            return workspace;
        }

        var resolved = Path.GetFullPath(Path.Combine(workspace, relative));
        if (Path.IsPathRooted(relative) || !(resolved == workspace || resolved.StartsWith(workspace + "/", StringComparison.Ordinal)))
        {
            throw new StepSetupException($"working_directory '{relative}' must be a relative path inside the workspace.");
        }

        return resolved;
    }

    private static async Task WriteOwnerOnlyAsync(string path, string text, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnly };
        await using var stream = new FileStream(path, options);
        await stream.WriteAsync(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text), cancellationToken);
    }
}
