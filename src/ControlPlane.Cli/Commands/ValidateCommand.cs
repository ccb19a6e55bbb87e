using ControlPlane.Cli.Output;
using ControlPlane.Cli.Parsing;
using ControlPlane.Cli.Validation;
using ControlPlane.Contracts.V1;

namespace ControlPlane.Cli.Commands;

/// <summary><c>validate FILE...</c>: checks workflow files offline, with the server's diagnostics; exit 1 when any is invalid.</summary>
internal sealed class ValidateCommand : ICliCommand
{
    public CommandSpec Spec { get; } = new(
        ["validate"],
        "check workflow files offline (no server) and show every problem",
        [new ArgumentSpec("FILE", "workflow files (.yaml, .yml or .json)", Many: true)],
        [CommonOptions.Input, OptionSpec.Flag("plan", "print the plan of each valid file"), CommonOptions.Output],
        ["cpctl validate ci.yaml", "cpctl validate deploy.yaml -i env=prod --plan"]);

    public async Task<int> ExecuteAsync(CommandContext context, ParsedArguments arguments, CancellationToken cancellationToken)
    {
        var inputs = ValueParsers.KeyValues(arguments.Values("input"), arguments.Where("input"));
        var format = CommonOptions.Format(arguments);
        var allValid = true;
        foreach (var file in arguments.Arguments("FILE"))
        {
            var result = OfflineValidator.Check(file, await WorkflowFiles.ReadAsync(file, cancellationToken), inputs);
            allValid &= result.Valid;
            if (format == OutputFormat.Json)
            {
                ProtoJson.Write(context.Console, result);
                continue;
            }

            Print(context.Console, file, result, arguments.Has("plan"));
        }

        return allValid ? ExitCodes.Success : ExitCodes.Failed;
    }

    private static void Print(CliConsole console, string file, ValidateWorkflowResponse result, bool plan)
    {
        foreach (var diagnostic in result.Diagnostics)
        {
            console.WriteLine(diagnostic.Text);
        }

        var errors = result.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        console.WriteLine(result.Valid
            ? $"{file}: valid (workflow {result.WorkflowName}, {result.ContentHash})"
            : $"{file}: invalid, {errors} error{(errors == 1 ? string.Empty : "s")}");
        if (plan && result.Valid)
        {
            console.WriteBlock(result.Plan);
        }
    }
}
