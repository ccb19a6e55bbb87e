using ControlPlane.Core.Definitions.Syntax;
using ControlPlane.Core.Diagnostics;

namespace ControlPlane.Core.Definitions.Parsing;

internal static class RunActionParser
{
    private static readonly Dictionary<string, ShellKind> Shells = new() { ["bash"] = ShellKind.Bash, ["sh"] = ShellKind.Sh };

    public static StepAction? Parse(ParseContext context, MappingNode step, string path, int ordinal)
    {
        var scriptPath = FieldPath.Child(path, "run");
        var script = context.Reader.Text(step["run"], scriptPath, "a shell script");
        var shell = context.Reader.Choice(step["shell"], FieldPath.Child(path, "shell"), Shells, "shell");
        if (script is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(script.Value))
        {
            context.Diagnostics.Error(DiagnosticCodes.EmptyCollection, script.Location, scriptPath, "the script is empty");
            return null;
        }

        context.AddSite(script, scriptPath, ExpressionScope.Step, ordinal);
        return new RunAction(script.Value, shell ?? ShellKind.Bash);
    }
}
