using System.CommandLine;
using ControlPlane.Cli.Api;
using ControlPlane.Cli.Output;
using ControlPlane.Contracts.V1;

namespace ControlPlane.Cli.Commands;

/// <summary><c>apply FILE...</c>: stores each file as a revision; an invalid file shows its diagnostics and exits 1.</summary>
internal sealed class ApplyCommand : CliCommand
{
    private readonly Argument<string[]> _files = Parsing.TypedOptions.Many("FILE", "workflow files (.yaml, .yml or .json)");
    private readonly Option<OutputFormat> _output = CommonOptions.Output();

    public ApplyCommand()
        : base("apply", "store workflow files on the server as new revisions (unchanged content keeps its revision)", "cpctl apply examples/ci.yaml", "cpctl apply workflows/*.yaml")
    {
        Command.Add(_files);
        Command.Add(_output);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        var format = parse.GetValue(_output);
        var failures = new List<CliException>();
        foreach (var file in parse.GetRequiredValue(_files))
        {
            var request = new ApplyWorkflowRequest { FileName = file, Source = await WorkflowFiles.ReadAsync(file, cancellationToken) };
            try
            {
                var response = await context.Api.CallAsync(o => context.Api.Workflows.ApplyWorkflowAsync(request, o), cancellationToken);
                Print(context.Console, format, file, response);
            }
            catch (CliException e) when (e.ExitCode == ExitCodes.Failed)
            {
                // One bad file does not stop the others; each failure is reported where it happened.
                context.Console.Note($"cpctl: {file}: {e.Message}");
                foreach (var detail in e.Details)
                {
                    context.Console.Note(detail);
                }

                failures.Add(e);
            }
        }

        return failures.Count == 0 ? ExitCodes.Success : ExitCodes.Failed;
    }

    private static void Print(CliConsole console, OutputFormat format, string file, ApplyWorkflowResponse response)
    {
        if (format == OutputFormat.Json)
        {
            ProtoJson.Write(console, response);
            return;
        }

        foreach (var warning in response.Warnings)
        {
            console.Note(warning.Text);
        }

        var revision = response.Revision;
        var what = response.Created ? "created" : "unchanged";
        console.WriteLine($"{file}: workflow {revision.WorkflowName} revision {revision.Id} {what} ({revision.ContentHash})");
    }
}
