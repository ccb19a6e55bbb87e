using System.Collections;
using System.Globalization;
using ControlPlane.Agent.Attempts;

namespace ControlPlane.Agent.Executors;

/// <summary>
/// Builds a step's environment in layers: the agent's own (optional, without its <c>CP_*</c>), then the step's, then
/// the <c>CP_*</c> variables, which a step cannot override: CP_RUN_ID, CP_STEP_ID, CP_ATTEMPT, CP_WORKSPACE, CP_OUTPUT,
/// CP_ATTEMPT_DIR; and CI=true unless the step sets CI. With a step user, HOME, USER and LOGNAME are that user's
/// (before the step's own variables, which may set them). The paths are the ones the step sees: host paths for a shell
/// step, paths inside the container for a docker step.
/// </summary>
internal static class StepEnvironment
{
    private const string Prefix = "CP_";

    /// <exception cref="StepSetupException">A step variable name is empty or contains '=' or NUL, or a value contains NUL.</exception>
    public static Dictionary<string, string> Build(
        AttemptKey attempt, IReadOnlyDictionary<string, string> stepVariables, StepPaths paths, bool inheritAgentEnvironment, StepUser? stepUser = null)
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

        if (stepUser is not null)
        {
            // The agent's HOME (root's) is closed to the step user; tools that write ~/.cache need the user's own.
            environment["HOME"] = stepUser.Home;
            environment["USER"] = stepUser.Name;
            environment["LOGNAME"] = stepUser.Name;
        }

        environment["CI"] = "true";
        foreach (var (name, value) in stepVariables)
        {
            if (name.Length == 0 || name.Contains('=', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal) || value.Contains('\0', StringComparison.Ordinal))
            {
                throw new StepSetupException($"Environment variable '{name}' has an invalid name or value (empty name, '=' or NUL).");
            }

            environment[name] = value;
        }

        environment["CP_RUN_ID"] = attempt.RunId;
        environment["CP_STEP_ID"] = attempt.StepId;
        environment["CP_ATTEMPT"] = attempt.Attempt.ToString(CultureInfo.InvariantCulture);
        environment["CP_WORKSPACE"] = paths.Workspace;
        environment["CP_OUTPUT"] = paths.OutputsFile;
        environment["CP_ATTEMPT_DIR"] = paths.AttemptDirectory;
        return environment;
    }
}
