using ControlPlane.Testing;

namespace ControlPlane.Cli.Tests.Support;

/// <summary>
/// Runs cpctl as a process (<c>dotnet cpctl.dll ...</c>) without a terminal, with HOME pointed at an empty
/// directory so no config file of the machine leaks in, and the CP_* variables cleared unless given.
/// </summary>
public static class Cpctl
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private static readonly string Home = Directory.CreateTempSubdirectory("cpctl-home-").FullName;

    /// <summary>Runs cpctl to its end.</summary>
    public static async Task<CliResult> RunAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        await using var process = Start(arguments, environment, workingDirectory);
        var exitCode = await process.WaitForExitAsync(Timeout);
        return new CliResult(exitCode, process.StandardOutput, process.StandardError);
    }

    /// <summary>Starts cpctl and returns at once (for commands that block, like run --follow).</summary>
    public static ChildProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "cpctl.dll");
        return ChildProcess.Start("dotnet", [dll, .. arguments], workingDirectory, Environment(environment));
    }

    /// <summary>The environment cpctl runs with: the test HOME, the CP_* variables cleared, then <paramref name="environment"/>.</summary>
    public static Dictionary<string, string> Environment(IReadOnlyDictionary<string, string>? environment)
    {
        var variables = new Dictionary<string, string>
        {
            ["HOME"] = Home,
            ["CP_CONFIG"] = string.Empty,
            ["CP_SERVER"] = string.Empty,
            ["CP_TOKEN"] = string.Empty,
            ["CP_CA_CERT"] = string.Empty,
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            variables[key] = value;
        }

        return variables;
    }
}
