using ControlPlane.Testing;

namespace ControlPlane.Server.Tests.Api.Support;

/// <summary>
/// Runs the API's python client scripts (Api/Python) with Debian's python3-grpcio. Their stubs are generated once per
/// test process from the repository's protos (<see cref="ApiPythonStubs"/>); the google.rpc modules join the
/// installed <c>google</c> namespace package.
/// </summary>
internal static class PythonApiClient
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _directory;

    /// <summary>Runs <paramref name="script"/> to its end and returns its stdout lines.</summary>
    public static async Task<IReadOnlyList<string>> RunAsync(string script, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var directory = await StubsAsync(cancellationToken);
        await using var process = ChildProcess.Start(
            PythonStubs.Python,
            ["-u", Path.Combine(AppContext.BaseDirectory, "Api", "Python", script), .. arguments],
            workingDirectory: directory,
            environment: new Dictionary<string, string> { ["PYTHONPATH"] = directory });
        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(120));
        return exitCode == 0
            ? process.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            : throw new InvalidOperationException($"{script} exited with {exitCode}\n{process.Transcript}");
    }

    private static async Task<string> StubsAsync(CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            return _directory ??= await ApiPythonStubs.GenerateAsync(["controlplane/v1/types.proto", "controlplane/v1/workflows.proto", "google/rpc/status.proto", "google/rpc/error_details.proto"], cancellationToken);
        }
        finally
        {
            Gate.Release();
        }
    }
}
