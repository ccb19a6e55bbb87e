using ControlPlane.Cli.Output;
using ControlPlane.Cli.Parsing;
using ControlPlane.Contracts.V1;

namespace ControlPlane.Cli.Commands;

/// <summary><c>tokens revoke ID</c>: calls with the token fail from now on.</summary>
internal sealed class TokensRevokeCommand : ICliCommand
{
    public CommandSpec Spec { get; } = new(["tokens", "revoke"], "revoke an API token", [new ArgumentSpec("ID", "the token's id")], [CommonOptions.Output]);

    public async Task<int> ExecuteAsync(CommandContext context, ParsedArguments arguments, CancellationToken cancellationToken)
    {
        var format = CommonOptions.Format(arguments);
        var request = new RevokeApiTokenRequest { Id = ValueParsers.Id(arguments.Argument("ID")!, "ID") };
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
