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

    /// <summary>
    /// Removes the step and run directories above a forgotten attempt's directory (<c>{work}/{run}/{step}/{attempt}</c>)
    /// when they are empty, step first. Only those two: never the work directory. Nothing is removed when either is a
    /// symbolic link (rmdir through a link would act elsewhere), and rmdir(2) itself refuses a directory that is not
    /// empty. Holds <see cref="Executors.WorkDirectory.Layout"/>, so a new attempt of the same run never finds its run
    /// directory removed between creating it and creating its own below it.
    /// </summary>
    public static void RemoveEmptyParents(string attemptDirectory)
    {
        var step = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(attemptDirectory)));
        var run = step is null ? null : Path.GetDirectoryName(step);
        if (step is null || run is null)
        {
            return;
        }

        lock (Executors.WorkDirectory.Layout)
        {
            if (IsLink(run) || IsLink(step))
            {
                return;
            }

            _ = RemoveIfEmpty(step) && RemoveIfEmpty(run);
        }
    }

    private static bool IsLink(string path) => new DirectoryInfo(path).LinkTarget is not null;

    private static bool RemoveIfEmpty(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: false);
            return true;
        }
        catch (DirectoryNotFoundException)
        {
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not empty (another attempt of the run or step is there), or not ours to remove: it stays.
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
