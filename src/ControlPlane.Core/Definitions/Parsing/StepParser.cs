using ControlPlane.Core.Definitions.Syntax;
using ControlPlane.Core.Diagnostics;

namespace ControlPlane.Core.Definitions.Parsing;

/// <summary>Reads one step mapping.</summary>
internal static class StepParser
{
    public static readonly IReadOnlyList<string> Keys =
    [
        "id", "name", "needs", "run", "shell", "docker", "http", "sleep", "runs_on", "env", "working_directory",
        "timeout", "retry", "if", "continue_on_error", "matrix", "outputs", "secrets",
    ];

    public static StepEntry Parse(ParseContext context, MappingNode map, string path)
    {
        var reader = context.Reader;
        var ordinal = context.NextStepOrdinal();
        UnknownKeys.Report(context.Diagnostics, map, path, Keys, "a step");
        var id = IdParser.ReadId(context, map, path, required: true);
        var step = new StepDefinition
        {
            Id = id ?? string.Empty,
            Name = SiteText(context, map, path, "name", ExpressionScope.Step, ordinal),
            Action = ActionParser.Parse(context, map, path, ordinal),
            RunsOn = LabelsParser.Read(context, map["runs_on"], FieldPath.Child(path, "runs_on"), ExpressionScope.StepLabels, ordinal),
            Env = StringMapParser.Read(context, map["env"], FieldPath.Child(path, "env"), MapKeyRule.EnvName, ExpressionScope.Step, ordinal),
            WorkingDirectory = WorkingDirectory(context, map, path, ordinal),
            Timeout = reader.Duration(map["timeout"], FieldPath.Child(path, "timeout"), mustBePositive: true),
            Retry = RetryParser.Parse(context, map["retry"], FieldPath.Child(path, "retry")),
            Condition = SiteText(context, map, path, "if", ExpressionScope.StepCondition, ordinal),
            ContinueOnError = reader.Boolean(map["continue_on_error"], FieldPath.Child(path, "continue_on_error")) ?? false,
            Matrix = MatrixParser.Parse(context, map.Find("matrix"), FieldPath.Child(path, "matrix")),
            Outputs = StringMapParser.Read(context, map["outputs"], FieldPath.Child(path, "outputs"), MapKeyRule.Id, ExpressionScope.StepOutput, ordinal),
            Secrets = ReadSecrets(context, map["secrets"], FieldPath.Child(path, "secrets")),
            Location = map.Location,
        };
        var idLocation = map.Find("id")?.Value.Location ?? map.Location;
        return new StepEntry(ordinal, step, IdParser.ReadNeeds(context, map, path), path, map.Location, idLocation);
    }

    private static string? WorkingDirectory(ParseContext context, MappingNode map, string path, int ordinal)
    {
        var fieldPath = FieldPath.Child(path, "working_directory");
        var scalar = context.Reader.Text(map["working_directory"], fieldPath);
        context.AddSite(scalar, fieldPath, ExpressionScope.Step, ordinal);
        WorkspacePathRules.CheckWorkingDirectory(context, scalar, fieldPath);
        return scalar?.Value;
    }

    private static string? SiteText(ParseContext context, MappingNode map, string path, string key, ExpressionScope scope, int ordinal)
    {
        var fieldPath = FieldPath.Child(path, key);
        var scalar = context.Reader.Text(map[key], fieldPath);
        context.AddSite(scalar, fieldPath, scope, ordinal);
        return scalar?.Value;
    }

    private static List<string> ReadSecrets(ParseContext context, SourceNode? node, string path)
    {
        var secrets = new List<string>();
        foreach (var (item, itemPath) in context.Reader.ListOrSingle(node, path, "a list of secret names"))
        {
            var scalar = context.Reader.Text(item, itemPath, "a secret name");
            if (scalar is null)
            {
                continue;
            }

            if (!Identifiers.IsValidEnvName(scalar.Value))
            {
                context.Diagnostics.Error(DiagnosticCodes.InvalidName, scalar.Location, itemPath, $"invalid secret name '{scalar.Value}'; {Identifiers.EnvNameRule}");
                continue;
            }

            secrets.Add(scalar.Value);
        }

        return secrets;
    }
}
