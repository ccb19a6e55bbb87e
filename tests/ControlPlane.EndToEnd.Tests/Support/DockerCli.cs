using System.Diagnostics;
using System.Globalization;

namespace ControlPlane.EndToEnd.Tests.Support;

/// <summary>What the docker CLI sees, independent of the agent's own Docker client.</summary>
internal static class DockerCli
{
    /// <summary>Ids of the containers (running or not) labelled with the run.</summary>
    public static List<string> ContainersOfRun(long runId)
    {
        var start = new ProcessStartInfo("docker") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "ps", "-aq", "--filter", string.Create(CultureInfo.InvariantCulture, $"label=io.controlplane.run={runId}") })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var ids = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return [.. ids.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }
}
