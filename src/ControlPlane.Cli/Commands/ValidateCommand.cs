using System.CommandLine;
using ControlPlane.Cli.Output;
using ControlPlane.Cli.Parsing;
using ControlPlane.Cli.Validation;
using ControlPlane.Contracts.V1;

namespace ControlPlane.Cli.Commands;

/// <summary><c>validate FILE...</c>: checks workflow files offline, with the server's diagnostics; exit 1 when any is invalid.</summary>
internal sealed class ValidateCommand : CliCommand
{
    private readonly Argument<string[]> _files = TypedOptions.Many("FILE", "workflow files (.yaml, .yml or .json)");
    private readonly Option<Dictionary<string, string>> _inputs = CommonOptions.Input();
    private readonly Option<bool> _plan = TypedOptions.Flag("--plan", "print the plan of each valid file");
    private readonly Option<OutputFormat> _output = CommonOptions.Output();

    public ValidateCommand()
        : base("validate", "check workflow files offline (no server) and show every problem", "cpctl validate ci.yaml", "cpctl validate deploy.yaml -i env=prod --plan")
    {
        Command.Add(_files);
        Command.Add(_inputs);
        Command.Add(_plan);
        Command.Add(_output);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        var inputs = parse.GetRequiredValue(_inputs);
        var format = parse.GetValue(_output);
        var allValid = true;
        foreach (var file in parse.GetRequiredValue(_files))
        {
            var result = OfflineValidator.Check(file, await WorkflowFiles.ReadAsync(file, cancellationToken), inputs);
            allValid &= result.Valid;
            if (format == OutputFormat.Json)
            {
                ProtoJson.Write(context.Console, result);
                continue;
            }

            Print(context.Console, file, result, parse.GetValue(_plan));
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
