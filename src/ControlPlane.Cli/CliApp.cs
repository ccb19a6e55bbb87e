using System.CommandLine;
using ControlPlane.Cli.Api;
using ControlPlane.Cli.Commands;
using ControlPlane.Cli.Configuration;
using ControlPlane.Cli.Output;
using ControlPlane.Cli.Parsing;
using Grpc.Core;

namespace ControlPlane.Cli;

/// <summary>
/// Parses the command line with System.CommandLine (<see cref="CommandTree"/>), runs the command, and turns every
/// failure into one <c>cpctl: ...</c> line on stderr and an exit code (see <see cref="ExitCodes"/>); nothing escapes
/// as a stack trace. Help and completion (<c>[suggest]</c>) are System.CommandLine's own actions, written to stdout.
/// </summary>
internal static class CliApp
{
    /// <summary>Runs cpctl with <paramref name="args"/>; <paramref name="environment"/> reads a variable (null when unset).</summary>
    public static async Task<int> RunAsync(
        IReadOnlyList<string> args, CliConsole console, Func<string, string?> environment, TimeProvider time, CancellationToken cancellationToken)
    {
        CommandTree? tree = null;
        tree = new CommandTree((command, parse, token) => ExecuteAsync(command, parse, tree!.Flags, console, environment, time, token));
        var invocation = new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null, // Program.cs turns Ctrl+C into the cancellation token.
        };
        try
        {
            var parse = tree.Root.Parse(args, CommandTree.Parsing);
            if (parse.Errors.Count > 0 && parse.Action is System.CommandLine.Invocation.ParseErrorAction)
            {
                throw new UsageException(ParseErrors.Describe(parse));
            }

            if (parse.Action == parse.CommandResult.Command.Action && ParseErrors.UnknownOption(parse) is { } unknown)
            {
                throw new UsageException(unknown);
            }

            return await parse.InvokeAsync(invocation, cancellationToken);
        }
        catch (UsageException e)
        {
            console.Note($"cpctl: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (CliException e)
        {
            console.Note($"cpctl: {e.Message}");
            foreach (var detail in e.Details)
            {
                console.Note(detail);
            }

            return e.ExitCode;
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested && e is OperationCanceledException or RpcException)
        {
            console.Note("cpctl: interrupted");
            return ExitCodes.Interrupted;
        }
    }

    private static async Task<int> ExecuteAsync(
        CliCommand command, ParseResult parse, SettingFlags flags, CliConsole console, Func<string, string?> environment, TimeProvider time, CancellationToken cancellationToken)
    {
        using var context = new CommandContext(console, () => SettingsLoader.Load(flags.Read(parse), environment), time);
        try
        {
            return await command.ExecuteAsync(context, parse, cancellationToken);
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            // Streams are read outside ApiConnection.CallAsync; their failures are translated here.
            throw RpcErrors.Translate(e, context.Api.Settings.Server);
        }
    }
}
