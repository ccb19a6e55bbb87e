using ControlPlane.Core.Definitions.Syntax;

namespace ControlPlane.Core.Definitions.Parsing;

internal static class DefaultsParser
{
    private static readonly string[] Keys = ["timeout", "retry", "runs_on"];

    public static WorkflowDefaults Parse(ParseContext context, SourceNode? node, string path)
    {
        var map = context.Reader.Mapping(node, path);
        if (map is null)
        {
            return WorkflowDefaults.None;
        }

        UnknownKeys.Report(context.Diagnostics, map, path, Keys, "defaults");
        return new WorkflowDefaults
        {
            Timeout = context.Reader.Duration(map["timeout"], FieldPath.Child(path, "timeout"), mustBePositive: true),
            Retry = RetryParser.Parse(context, map["retry"], FieldPath.Child(path, "retry")),
            RunsOn = LabelsParser.Read(context, map["runs_on"], FieldPath.Child(path, "runs_on"), ExpressionScope.Workflow, null),
        };
    }
}
