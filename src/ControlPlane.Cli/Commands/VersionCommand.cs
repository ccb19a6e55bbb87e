using System.CommandLine;
using System.Reflection;
using ControlPlane.Cli.Output;
using ControlPlane.Contracts.V1;

namespace ControlPlane.Cli.Commands;

/// <summary><c>version</c>: cpctl's version and the server's; the client line is printed even when the server is unreachable.</summary>
internal sealed class VersionCommand : CliCommand
{
    private readonly Option<OutputFormat> _output = CommonOptions.Output();

    public VersionCommand()
        : base("version", "show the versions of cpctl and of the server")
    {
        Command.Add(_output);
    }

    /// <summary>This build's version, e.g. 0.1.0.</summary>
    public static string ClientVersion =>
        typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    public override async Task<int> ExecuteAsync(CommandContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        var format = parse.GetValue(_output);
        if (format == OutputFormat.Table)
        {
            context.Console.WriteLine($"client: cpctl {ClientVersion}");
        }

        var server = await context.Api.CallAsync(o => context.Api.Admin.GetVersionAsync(new GetVersionRequest(), o), cancellationToken);
        if (format == OutputFormat.Json)
        {
            ProtoJson.Write(context.Console, server);
            return ExitCodes.Success;
        }

        var commit = string.IsNullOrEmpty(server.Commit) ? string.Empty : $" ({server.Commit})";
        context.Console.WriteLine($"server: {server.Version}{commit} on {server.Runtime}, api {server.ApiVersion}, at {context.Api.Settings.Server}, up since {Display.Time(server.StartedAt)}");
        return ExitCodes.Success;
    }
}
