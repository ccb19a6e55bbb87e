using System.CommandLine;
using ControlPlane.Cli.Output;
using ControlPlane.Cli.Parsing;
using ControlPlane.Contracts.V1;

namespace ControlPlane.Cli.Commands;

/// <summary><c>runners drain RUNNER [--resume]</c>: stop offering a runner work (or offer it work again).</summary>
internal sealed class RunnersDrainCommand : CliCommand
{
    private readonly Argument<string> _runner = TypedOptions.TextArgument("RUNNER", "the runner's id or name");
    private readonly Option<bool> _resume = TypedOptions.Flag("--resume", "resume a drained runner instead");
    private readonly Option<OutputFormat> _output = CommonOptions.Output();

    public RunnersDrainCommand()
        : base("runners drain", "drain a runner: it gets no new work and its agent exits once its attempts end", "cpctl runners drain build-3", "cpctl runners drain build-3 --resume")
    {
        Command.Add(_runner);
        Command.Add(_resume);
        Command.Add(_output);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        var format = parse.GetValue(_output);
        var id = await RunnerReference.ResolveAsync(context.Api, parse.GetRequiredValue(_runner), cancellationToken);
        var request = new DrainRunnerRequest { RunnerId = id, Resume = parse.GetValue(_resume) };
        var response = await context.Api.CallAsync(o => context.Api.Admin.DrainRunnerAsync(request, o), cancellationToken);
        if (format == OutputFormat.Json)
        {
            ProtoJson.Write(context.Console, response);
        }
        else
        {
            var runner = response.Runner;
            context.Console.WriteLine($"runner {runner.Id} ({runner.Name}) {(runner.Draining ? "draining" : "accepting work")}, {runner.Load} attempt(s) held");
        }

        return ExitCodes.Success;
    }
}
