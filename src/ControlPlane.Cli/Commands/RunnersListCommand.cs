using System.CommandLine;
using System.Globalization;
using ControlPlane.Cli.Output;
using ControlPlane.Contracts.V1;

namespace ControlPlane.Cli.Commands;

/// <summary><c>runners list</c>: every registered runner with its state, load and last heartbeat.</summary>
internal sealed class RunnersListCommand : CliCommand
{
    private readonly Option<OutputFormat> _output = CommonOptions.Output();

    public RunnersListCommand()
        : base("runners list", "list registered runners")
    {
        Command.Add(_output);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        var format = parse.GetValue(_output);
        var response = await context.Api.CallAsync(o => context.Api.Admin.ListRunnersAsync(new ListRunnersRequest(), o), cancellationToken);
        if (format == OutputFormat.Json)
        {
            ProtoJson.Write(context.Console, response);
            return ExitCodes.Success;
        }

        var table = new TableView("ID", "NAME", "STATE", "LOAD", "LABELS", "LAST HEARTBEAT");
        foreach (var runner in response.Runners)
        {
            var state = Display.Name(runner.State) + (runner.Draining ? " (draining)" : string.Empty);
            table.Add(runner.Id.ToString(CultureInfo.InvariantCulture), runner.Name, state, $"{runner.Load}/{runner.Capacity}",
                string.Join(',', runner.Labels), Display.Time(runner.LastHeartbeatAt));
        }

        table.Write(context.Console);
        return ExitCodes.Success;
    }
}
