using System.ComponentModel;
using System.Diagnostics;

namespace ControlPlane.Agent.Attempts;

/// <summary>
/// Removes an attempt's directory once the attempt is forgotten. When steps run as another user, what is inside the
/// workspace belongs to that user, and a process of it may still be running (one that left the group): .NET's
/// recursive delete works by path, so a directory swapped for a symbolic link between its listing and its descent
/// would make the agent delete files elsewhere with its own rights. GNU <c>rm -rf</c> descends through open directory
/// handles without following links (fts, openat with O_NOFOLLOW) and is the field's tool for that; it is used then,
/// one process per attempt. Otherwise the step ran as the agent's user and could do anything the agent can anyway.
/// </summary>
internal static class AttemptDirectoryRemover
{
    /// <returns>Whether the directory is gone. A directory that cannot be removed stays; nothing depends on it.</returns>
    public static async Task<bool> RemoveAsync(string directory, bool ownedByStepUser)
    {
        if (!Directory.Exists(directory))
        {
            return true;
        }

        if (ownedByStepUser)
        {
            return await RemoveWithRmAsync(directory);
        }

        try
        {
            Directory.Delete(directory, recursive: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A workspace a step made undeletable (e.g. root-owned files from a container) stays.
            return false;
        }
    }

    private static async Task<bool> RemoveWithRmAsync(string directory)
    {
        var start = new ProcessStartInfo("rm") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-rf", "--one-file-system", "--", directory })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start);
            if (process is null)
            {
                return false;
            }

            await Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync(), process.WaitForExitAsync());
            return process.ExitCode == 0;
        }
        catch (Win32Exception)
        {
            return false;
        }
    }
}
