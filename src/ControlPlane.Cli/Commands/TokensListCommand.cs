using System.CommandLine;
using System.Globalization;
using ControlPlane.Cli.Output;
using ControlPlane.Contracts.V1;

namespace ControlPlane.Cli.Commands;

/// <summary><c>tokens list</c>: every API token, never their secrets.</summary>
internal sealed class TokensListCommand : CliCommand
{
    private readonly Option<OutputFormat> _output = CommonOptions.Output();

    public TokensListCommand()
        : base("tokens list", "list API tokens (without secrets)")
    {
        Command.Add(_output);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        var format = parse.GetValue(_output);
        var response = await context.Api.CallAsync(o => context.Api.Admin.ListApiTokensAsync(new ListApiTokensRequest(), o), cancellationToken);
        if (format == OutputFormat.Json)
        {
            ProtoJson.Write(context.Console, response);
            return ExitCodes.Success;
        }

        var table = new TableView("ID", "NAME", "ROLE", "CREATED", "EXPIRES", "REVOKED");
        foreach (var token in response.Tokens)
        {
            table.Add(token.Id.ToString(CultureInfo.InvariantCulture), token.Name, Display.Name(token.Role),
                Display.Time(token.CreatedAt), Display.Time(token.ExpiresAt), Display.Time(token.RevokedAt));
        }

        table.Write(context.Console);
        return ExitCodes.Success;
    }
}
