using ControlPlane.Cli.Output;
using ControlPlane.Cli.Parsing;
using ControlPlane.Contracts.V1;
using Google.Protobuf.WellKnownTypes;

namespace ControlPlane.Cli.Commands;

/// <summary><c>tokens create NAME --role R [--ttl D]</c>: a new API token; its secret is printed once.</summary>
internal sealed class TokensCreateCommand : ICliCommand
{
    public CommandSpec Spec { get; } = new(
        ["tokens", "create"],
        "create an API token (the secret is shown only now)",
        [new ArgumentSpec("NAME", "what the token is for, e.g. ci-bot")],
        [
            OptionSpec.Value("role", "ROLE", "admin, operator, viewer or runner (runner tokens register agents)"),
            OptionSpec.Value("ttl", "DURATION", "expire after this long, e.g. 30d (default: never)"),
            CommonOptions.Output,
        ],
        ["cpctl tokens create ci-bot --role operator --ttl 90d", "cpctl tokens create rack-3 --role runner"]);

    public async Task<int> ExecuteAsync(CommandContext context, ParsedArguments arguments, CancellationToken cancellationToken)
    {
        var format = CommonOptions.Format(arguments);
        var role = arguments.Value("role") ?? throw new UsageException("tokens create: --role is required (admin, operator, viewer or runner)");
        var request = new CreateApiTokenRequest { Name = arguments.Argument("NAME")!, Role = ValueParsers.Role(role, arguments.Where("role")) };
        if (arguments.Value("ttl") is { } ttl)
        {
            request.Ttl = Duration.FromTimeSpan(ValueParsers.Duration(ttl, arguments.Where("ttl")));
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
