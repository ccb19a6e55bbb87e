using ControlPlane.Cli.Api;

namespace ControlPlane.Cli.Dev;

/// <summary>
/// cp-server and cp-agent as the build ships them beside cpctl: in dev/server and dev/agent, or (in a test's output
/// folder, where every program lands side by side) next to cpctl itself.
/// </summary>
internal sealed record DevPrograms(string Server, string Agent)
{
    /// <exception cref="CliException">They are missing (cpctl was published without them).</exception>
    public static DevPrograms Locate() => new(Find("server", "cp-server.dll"), Find("agent", "cp-agent.dll"));

    private static string Find(string folder, string program)
    {
        string[] candidates = [Path.Combine(AppContext.BaseDirectory, "dev", folder, program), Path.Combine(AppContext.BaseDirectory, program)];
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new CliException(ExitCodes.Failed, $"dev: {candidates[0]} is missing; build cpctl from the repository (dotnet run --project src/ControlPlane.Cli -- dev FILE)");
    }
}
