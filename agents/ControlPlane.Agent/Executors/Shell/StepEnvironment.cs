using System.Collections;
using System.Globalization;

namespace ControlPlane.Agent.Executors.Shell;

/// <summary>
/// Builds a step's environment in layers: the agent's own (optional, without its <c>CP_*</c>), then the step's, then
/// the <c>CP_*</c> variables, which a step cannot override: CP_RUN_ID, CP_STEP_ID, CP_ATTEMPT, CP_WORKSPACE, CP_OUTPUT,
/// CP_ATTEMPT_DIR; and CI=true unless the step sets CI.
/// </summary>
internal static class StepEnvironment
{
    private const string Prefix = "CP_";

    /// <exception cref="StepSetupException">A step variable name is empty or contains '=' or NUL, or a value contains NUL.</exception>
    public static Dictionary<string, string> Build(ShellStep step, StepWorkspace workspace, bool inheritAgentEnvironment)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (inheritAgentEnvironment)
        {
            foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
            {
                var name = (string)entry.Key;
                if (!name.StartsWith(Prefix, StringComparison.Ordinal))
                {
                    environment[name] = (string?)entry.Value ?? "";
                }
            }
        }

        environment["CI"] = "true";
        foreach (var (name, value) in step.Environment)
        {
            if (name.Length == 0 || name.Contains('=', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal) || value.Contains('\0', StringComparison.Ordinal))
            {
                throw new StepSetupException($"Environment variable '{name}' has an invalid name or value (empty name, '=' or NUL).");
            }

            environment[name] = value;
        }

        environment["CP_RUN_ID"] = step.Attempt.RunId;
        environment["CP_STEP_ID"] = step.Attempt.StepId;
        environment["CP_ATTEMPT"] = step.Attempt.Attempt.ToString(CultureInfo.InvariantCulture);
        environment["CP_WORKSPACE"] = workspace.Workspace;
        environment["CP_OUTPUT"] = workspace.OutputsPath;
        environment["CP_ATTEMPT_DIR"] = workspace.AttemptDirectory;
        return environment;
    }

    /// <summary>The interpreter's absolute path, looked up in the step's PATH (the one the script will see).</summary>
    /// <exception cref="StepSetupException">Not found or not executable.</exception>
    public static string FindShell(ShellKind shell, IReadOnlyDictionary<string, string> environment)
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
