using ControlPlane.Core.Definitions.Syntax;
using ControlPlane.Core.Diagnostics;

namespace ControlPlane.Core.Definitions.Parsing;

/// <summary>Reads the top level of a workflow file into a <see cref="ParsedWorkflow"/>.</summary>
internal static class WorkflowParser
{
    public static readonly IReadOnlyList<string> Keys =
        ["name", "description", "on", "inputs", "env", "defaults", "concurrency", "timeout", "steps", "notify"];

    public static ParsedWorkflow Parse(ParseContext context, MappingNode root)
    {
        var reader = context.Reader;
        UnknownKeys.Report(context.Diagnostics, root, string.Empty, Keys, "the workflow");
        var inputs = InputsParser.Parse(context, root["inputs"], "inputs");
        var workflow = new WorkflowDefinition
        {
            Name = reader.Text(root["name"], "name")?.Value ?? DefaultName(context.Document.FileName),
            Description = reader.Text(root["description"], "description")?.Value,
            Inputs = inputs,
            Env = StringMapParser.Read(context, root["env"], "env", MapKeyRule.EnvName, ExpressionScope.WorkflowEnv, null),
            Defaults = DefaultsParser.Parse(context, root["defaults"], "defaults"),
            Concurrency = ConcurrencyParser.Parse(context, root["concurrency"], "concurrency"),
            Timeout = reader.Duration(root["timeout"], "timeout", mustBePositive: true),
            Triggers = TriggersParser.Parse(context, root["on"], "on", inputs),
            Notify = NotifyParser.Parse(context, root["notify"], "notify"),
            Steps = [],
            Location = root.Location,
        };
        if (!root.Contains("steps"))
        {
            context.Diagnostics.Error(DiagnosticCodes.MissingKey, root.Location, string.Empty, "a workflow needs 'steps'");
        }

        var items = StepListParser.Parse(context, root["steps"], "steps", "a workflow");
        return new ParsedWorkflow(workflow, items, context.Sites);
    }

    // Without a name the file name reads well enough: "ci" for ci.yaml.
    private static string DefaultName(string fileName) => Path.GetFileNameWithoutExtension(fileName) is { Length: > 0 } name ? name : "workflow";
}
