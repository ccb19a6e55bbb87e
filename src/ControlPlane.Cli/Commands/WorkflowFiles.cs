using ControlPlane.Cli.Api;

namespace ControlPlane.Cli.Commands;

/// <summary>Reads workflow files named on the command line; a missing or unreadable one is a clear failure.</summary>
internal static class WorkflowFiles
{
    /// <summary>The file's text; its name is kept as given, so diagnostics point at the path the operator typed.</summary>
    public static async Task<string> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var reason = e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : e.Message;
            throw new CliException(ExitCodes.Failed, $"{path}: {reason}", null, e);
        }
    }
}
