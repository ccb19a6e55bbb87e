namespace ControlPlane.Agent.Executors.Shell;

/// <summary>Finds the interpreter of a shell step.</summary>
internal static class ShellLocator
{
    /// <summary>The interpreter's absolute path, looked up in the step's PATH (the one the script will see).</summary>
    /// <exception cref="StepSetupException">Not found or not executable.</exception>
    public static string Find(ShellKind shell, IReadOnlyDictionary<string, string> environment)
    {
        var name = shell == ShellKind.Bash ? "bash" : "sh";
        var path = environment.TryGetValue("PATH", out var value) && value.Length > 0 ? value : "/usr/local/bin:/usr/bin:/bin";
        foreach (var directory in path.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate) && (File.GetUnixFileMode(candidate) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0)
            {
                return candidate;
            }
        }

        throw new StepSetupException($"{name} was not found in PATH ({path}).");
    }
}
