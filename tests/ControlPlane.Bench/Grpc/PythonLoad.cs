using System.Globalization;
using ControlPlane.Testing;

namespace ControlPlane.Bench.Grpc;

/// <summary>python3-grpcio as load generator and as reference server, through the scripts in ControlPlane.Testing.</summary>
internal static class PythonLoad
{
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(60);

    /// <summary>Runs bench_client.py against <paramref name="hostPort"/>; returns operations per second.</summary>
    public static async Task<double> MeasureAsync(string hostPort, string mode, TimeSpan duration)
    {
        await using var client = await PythonProcess.StartAsync("bench_client.py", ["--server", hostPort, "--mode", mode, "--seconds", duration.TotalSeconds.ToString(CultureInfo.InvariantCulture)]);
        var line = await client.WaitForLineAsync("RESULT ", duration + Slack);
        var parts = line.Split(' ');
        return double.Parse(parts[1], CultureInfo.InvariantCulture) / double.Parse(parts[2], CultureInfo.InvariantCulture);
    }

    /// <summary>Starts interop_server.py on a free port; returns the process and its host:port.</summary>
    public static async Task<(PythonProcess Server, string HostPort)> StartServerAsync()
    {
        var server = await PythonProcess.StartAsync("interop_server.py", []);
        var line = await server.WaitForLineAsync("LISTENING ", Slack);
        return (server, $"127.0.0.1:{line["LISTENING ".Length..]}");
    }
}
