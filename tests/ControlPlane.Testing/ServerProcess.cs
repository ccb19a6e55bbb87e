using System.Text.RegularExpressions;

namespace ControlPlane.Testing;

/// <summary>
/// cp-server as a real process on a free loopback port, over a given data directory. The test project must
/// reference src/ControlPlane.Server so that cp-server.dll sits beside the test assembly.
/// </summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private ServerProcess(ChildProcess process, string address, string? httpAddress)
    {
        Process = process;
        Address = address;
        HttpAddress = httpAddress;
    }

    public ChildProcess Process { get; }

    /// <summary>The first address the server reported, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Address { get; }

    /// <summary>The first plain HTTP listener (webhooks, metrics) when one was asked for with <c>--http-listen</c>.</summary>
    public string? HttpAddress { get; }

    /// <summary>
    /// Starts cp-server and waits until it listens, on <paramref name="listen"/> (a free port by default). Extra
    /// arguments follow the defaults and may add listeners.
    /// </summary>
    public static async Task<ServerProcess> StartAsync(string dataDir, IEnumerable<string>? extraArguments = null, Action<string>? log = null, IReadOnlyDictionary<string, string>? environment = null, string listen = "http://127.0.0.1:0")
    {
        var process = StartRaw(["--listen", listen, "--data-dir", dataDir, .. extraArguments ?? []], log, environment);
        try
        {
            var line = await process.WaitForLineAsync(l => ListeningLine().IsMatch(l), "'Listening on ...'", StartTimeout);
            var arguments = extraArguments?.ToList() ?? [];
            string? httpAddress = null;
            if (arguments.Contains("--http-listen"))
            {
                var httpLine = await process.WaitForLineAsync(l => HttpListeningLine().IsMatch(l), "'Listening for HTTP ... on ...'", StartTimeout);
                httpAddress = HttpListeningLine().Match(httpLine).Groups["address"].Value;
            }

            return new ServerProcess(process, ListeningLine().Match(line).Groups["address"].Value, httpAddress);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts cp-server with exactly these arguments, without waiting for anything.</summary>
    public static ChildProcess StartRaw(IEnumerable<string> arguments, Action<string>? log = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var serverDll = Path.Combine(AppContext.BaseDirectory, "cp-server.dll");
        if (!File.Exists(serverDll))
        {
            throw new InvalidOperationException($"{serverDll} not found; reference src/ControlPlane.Server from the test project.");
        }

        return ChildProcess.Start("dotnet", [serverDll, .. arguments], environment: environment, log: log);
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();

    [GeneratedRegex(@"Listening on (?<address>https?://\S+)")]
    private static partial Regex ListeningLine();

    [GeneratedRegex(@"Listening for HTTP \S+ \S+ on (?<address>https?://\S+)")]
    private static partial Regex HttpListeningLine();
}
