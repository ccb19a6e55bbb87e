using ControlPlane.Core.Definitions.Syntax;
using ControlPlane.Core.Diagnostics;

namespace ControlPlane.Core.Definitions.Parsing;

/// <summary>Finds a step's one action among run, docker, http and sleep, and parses it.</summary>
internal static class ActionParser
{
    public static readonly IReadOnlyList<string> ActionKeys = ["run", "docker", "http", "sleep"];

    public static StepAction Parse(ParseContext context, MappingNode step, string path, int ordinal)
    {
        var present = step.Entries.Where(e => ActionKeys.Contains(e.Key.Value)).ToList();
        if (present.Count == 0)
        {
            context.Diagnostics.Error(DiagnosticCodes.NoAction, step.Location, path, "a step needs one action: run, docker, http or sleep");
            return MissingAction.Instance;
        }

        for (var i = 1; i < present.Count; i++)
        {
            var key = present[i].Key;
            context.Diagnostics.Error(
                DiagnosticCodes.MultipleActions,
                key.Location,
                FieldPath.Child(path, key.Value),
                $"a step has exactly one action, but this one has both '{present[0].Key.Value}' and '{key.Value}'; split it into two steps");
        }

        var kind = present[0].Key.Value;
        if (step.Find("shell") is { } shell && kind != "run")
        {
            context.Diagnostics.Error(DiagnosticCodes.NotApplicable, shell.Key.Location, FieldPath.Child(path, "shell"), $"'shell' applies only to run steps, not to {kind} steps");
        }

        var action = kind switch
        {
            "run" => RunActionParser.Parse(context, step, path, ordinal),
            "docker" => DockerActionParser.Parse(context, step, path, ordinal),
            "http" => HttpActionParser.Parse(context, step, path, ordinal),
            _ => SleepActionParser.Parse(context, step, path),
        };
        return action ?? MissingAction.Instance;
    }
}
