using System.CommandLine;
using ControlPlane.Cli.Output;
using ControlPlane.Cli.Parsing;
using ControlPlane.Contracts.V1;

namespace ControlPlane.Cli.Commands;

/// <summary><c>tokens revoke ID</c>: calls with the token fail from now on.</summary>
internal sealed class TokensRevokeCommand : CliCommand
{
    private readonly Argument<long> _id = TypedOptions.IdArgument("ID", "the token's id");
    private readonly Option<OutputFormat> _output = CommonOptions.Output();

    public TokensRevokeCommand()
        : base("tokens revoke", "revoke an API token", "cpctl tokens revoke 3")
    {
        Command.Add(_id);
        Command.Add(_output);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        var format = parse.GetValue(_output);
        var request = new RevokeApiTokenRequest { Id = parse.GetValue(_id) };
        var response = await context.Api.CallAsync(o => context.Api.Admin.RevokeApiTokenAsync(request, o), cancellationToken);
        if (format == OutputFormat.Json)
        {
            ProtoJson.Write(context.Console, response);
        }
        else
        {
            context.Console.WriteLine($"token {response.Token.Id} '{response.Token.Name}' revoked at {Display.Time(response.Token.RevokedAt)}");
        }

        return ExitCodes.Success;
    }
}
