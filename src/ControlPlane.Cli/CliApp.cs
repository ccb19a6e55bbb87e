using ControlPlane.Cli.Api;
using ControlPlane.Cli.Commands;
using ControlPlane.Cli.Configuration;
using ControlPlane.Cli.Output;
using ControlPlane.Cli.Parsing;
using Grpc.Core;

namespace ControlPlane.Cli;

/// <summary>
/// Parses the command line, runs the command, and turns every failure into one <c>cpctl: ...</c> line on stderr
/// and an exit code (see <see cref="ExitCodes"/>); nothing escapes as a stack trace.
/// </summary>
internal static class CliApp
{
    /// <summary>Runs cpctl with <paramref name="args"/>; <paramref name="environment"/> reads a variable (null when unset).</summary>
    public static async Task<int> RunAsync(
        IReadOnlyList<string> args, CliConsole console, Func<string, string?> environment, TimeProvider time, CancellationToken cancellationToken)
    {
        var catalog = CommandCatalog.Create();
        var specs = catalog.Select(c => c.Spec).ToList();
        try
        {
            var line = ArgumentParser.Parse(args, specs);
            if (line.HelpPath is { } path)
            {
                await console.Out.WriteAsync(HelpWriter.Render(path, specs));
                return ExitCodes.Success;
            }

            var arguments = line.Arguments!;
            var command = catalog.First(c => ReferenceEquals(c.Spec, arguments.Command));
            using var context = new CommandContext(console, () => SettingsLoader.Load(line.Globals, environment), time);
            try
            {
                return await command.ExecuteAsync(context, arguments, cancellationToken);
            }
            catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
            {
                // Streams are read outside ApiConnection.CallAsync; their failures are translated here.
                throw RpcErrors.Translate(e, context.Api.Settings.Server);
            }
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
}
