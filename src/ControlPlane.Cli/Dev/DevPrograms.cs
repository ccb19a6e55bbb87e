using ControlPlane.Cli.Api;
namespace ControlPlane.Cli.Dev;

/// <summary>cp-server and cp-agent as the build ships them beside cpctl (dev/server, dev/agent).</summary>
internal sealed record DevPrograms(string Server, string Agent)
{
    /// <exception cref="CliException">They are missing (cpctl was published without them).</exception>
    public static DevPrograms Locate()
    {
        var programs = new DevPrograms(
            Path.Combine(AppContext.BaseDirectory, "dev", "server", "cp-server.dll"),
            Path.Combine(AppContext.BaseDirectory, "dev", "agent", "cp-agent.dll"));
        foreach (var program in new[] { programs.Server, programs.Agent })
        {
            if (!File.Exists(program))
            {
                throw new CliException(ExitCodes.Failed, $"dev: {program} is missing; build cpctl from the repository (dotnet run --project src/ControlPlane.Cli -- dev FILE)");
            }
        }

        return programs;
    }
}
