using System.CommandLine;
using ControlPlane.Cli.Output;
using ControlPlane.Cli.Parsing;
using ControlPlane.Contracts.V1;
using Google.Protobuf.WellKnownTypes;

namespace ControlPlane.Cli.Commands;

/// <summary><c>tokens create NAME --role R [--ttl D]</c>: a new API token; its secret is printed once.</summary>
internal sealed class TokensCreateCommand : CliCommand
{
    private readonly Argument<string> _name = TypedOptions.TextArgument("NAME", "what the token is for, e.g. ci-bot");
    private readonly Option<ApiTokenRole> _role = TypedOptions.Parsed("--role", "ROLE", "admin, operator, viewer or runner (runner tokens register agents)", ValueParsers.Role);
    private readonly Option<TimeSpan?> _ttl = TypedOptions.Duration("--ttl", "DURATION", "expire after this long, e.g. 30d (default: never)");
    private readonly Option<OutputFormat> _output = CommonOptions.Output();

    public TokensCreateCommand()
        : base("tokens create", "create an API token (the secret is shown only now)", "cpctl tokens create ci-bot --role operator --ttl 90d", "cpctl tokens create rack-3 --role runner")
    {
        _role.Required = true;
        _role.CompletionSources.Add([.. ValueParsers.RoleNames]);
        Command.Add(_name);
        Command.Add(_role);
        Command.Add(_ttl);
        Command.Add(_output);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        var format = parse.GetValue(_output);
        var request = new CreateApiTokenRequest { Name = parse.GetRequiredValue(_name), Role = parse.GetValue(_role) };
        if (parse.GetValue(_ttl) is { } ttl)
        {
            request.Ttl = Duration.FromTimeSpan(ttl);
        }

        var response = await context.Api.CallAsync(o => context.Api.Admin.CreateApiTokenAsync(request, o), cancellationToken);
        if (format == OutputFormat.Json)
        {
            ProtoJson.Write(context.Console, response);
            return ExitCodes.Success;
        }

        var token = response.Token;
        var expiry = token.ExpiresAt is null ? "never expires" : "expires " + Display.Time(token.ExpiresAt);
        context.Console.Note($"token {token.Id} '{token.Name}' ({Display.Name(token.Role)}, {expiry}); the secret below is shown only once:");
        context.Console.WriteLine(response.Secret);
        return ExitCodes.Success;
    }
}
