using ControlPlane.Core.Definitions;

namespace ControlPlane.Core.Planning;

/// <summary>Applies static substitution to every expression-bearing field of an action.</summary>
internal static class ActionSubstituter
{
    public static StepAction Apply(StepAction action, StaticSubstituter substituter) => action switch
    {
        RunAction run => run with { Script = substituter.Substitute(run.Script) },
        DockerAction docker => docker with
        {
            Image = substituter.Substitute(docker.Image),
            Command = docker.Command?.Select(substituter.Substitute).ToList(),
            Entrypoint = docker.Entrypoint?.Select(substituter.Substitute).ToList(),
            Env = Map(docker.Env, substituter),
            WorkingDir = docker.WorkingDir is null ? null : substituter.Substitute(docker.WorkingDir),
            User = docker.User is null ? null : substituter.Substitute(docker.User),
        },
        HttpAction http => http with
        {
            Url = substituter.Substitute(http.Url),
            Headers = Map(http.Headers, substituter),
            Body = http.Body is null ? null : substituter.Substitute(http.Body),
        },
        _ => action,
    };

    public static Dictionary<string, string> Map(IReadOnlyDictionary<string, string> values, StaticSubstituter substituter) =>
        values.ToDictionary(p => p.Key, p => substituter.Substitute(p.Value), StringComparer.Ordinal);
}
