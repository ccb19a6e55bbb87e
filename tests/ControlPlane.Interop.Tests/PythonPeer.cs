using ControlPlane.Testing;

namespace ControlPlane.Interop.Tests;

/// <summary>
/// Runs Python/api_peer.py with Debian's python3-grpcio. Its stubs are generated once per test process from the
/// repository's protos and the standard ones the peer needs as source (health, google.rpc).
/// </summary>
internal static class PythonPeer
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _directory;

    /// <summary>Runs one command to its end within <paramref name="timeout"/> and returns its stdout lines.</summary>
    public static async Task<IReadOnlyList<string>> RunAsync(IEnumerable<string> arguments, TimeSpan timeout)
    {
        var directory = await StubsAsync();
        await using var process = ChildProcess.Start(
            PythonStubs.Python,
            ["-u", Path.Combine(AppContext.BaseDirectory, "Python", "api_peer.py"), .. arguments],
            workingDirectory: directory,
            environment: new Dictionary<string, string> { ["PYTHONPATH"] = directory });
        var exitCode = await process.WaitForExitAsync(timeout);
        return exitCode == 0
            ? process.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            : throw new InvalidOperationException($"api_peer.py exited with {exitCode}\n{process.Transcript}");
    }

    private static async Task<string> StubsAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _directory ??= await ApiPythonStubs.GenerateAsync(
            [
                "controlplane/v1/types.proto", "controlplane/v1/workflows.proto", "controlplane/v1/runner.proto",
                "google/rpc/status.proto", "google/rpc/error_details.proto", "grpc/health/v1/health.proto",
            ]);
        }
        finally
        {
            Gate.Release();
        }
    }
}
