using ControlPlane.Cli.Output;
using ControlPlane.Cli.Parsing;
using ControlPlane.Contracts.V1;

namespace ControlPlane.Cli.Commands;

/// <summary><c>runners drain RUNNER [--resume]</c>: stop offering a runner work (or offer it work again).</summary>
internal sealed class RunnersDrainCommand : ICliCommand
{
    public CommandSpec Spec { get; } = new(
        ["runners", "drain"],
        "drain a runner: it gets no new work and its agent exits once its attempts end",
        [new ArgumentSpec("RUNNER", "the runner's id or name")],
        [OptionSpec.Flag("resume", "resume a drained runner instead"), CommonOptions.Output],
        ["cpctl runners drain build-3", "cpctl runners drain build-3 --resume"]);

    public async Task<int> ExecuteAsync(CommandContext context, ParsedArguments arguments, CancellationToken cancellationToken)
    {
        var format = CommonOptions.Format(arguments);
        var id = await RunnerReference.ResolveAsync(context.Api, arguments.Argument("RUNNER")!, cancellationToken);
        var request = new DrainRunnerRequest { RunnerId = id, Resume = arguments.Has("resume") };
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
