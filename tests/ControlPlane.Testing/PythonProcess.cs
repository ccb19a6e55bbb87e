namespace ControlPlane.Testing;

/// <summary>
/// A python peer script (from the Python folder) running as a real process with the generated grpc.testing
/// stubs on its path. Scripts announce readiness and results on stdout; stderr is kept for failure messages.
/// </summary>
public sealed class PythonProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private PythonProcess(ChildProcess process)
    {
        _process = process;
    }

    public int Id => _process.Id;

    public string StandardOutput => _process.StandardOutput;

    public string StandardError => _process.StandardError;

    public static async Task<PythonProcess> StartAsync(string script, IEnumerable<string> arguments, CancellationToken cancellationToken = default)
    {
        var directory = await PythonStubs.GetDirectoryAsync(cancellationToken);
        var process = ChildProcess.Start(
            PythonStubs.Python,
            ["-u", Path.Combine(directory, script), .. arguments],
            workingDirectory: directory,
            environment: new Dictionary<string, string> { ["PYTHONPATH"] = directory });
        return new PythonProcess(process);
    }

    /// <summary>Waits for the next stdout line that starts with <paramref name="prefix"/> and returns it.</summary>
    public Task<string> WaitForLineAsync(string prefix, TimeSpan timeout) =>
        _process.WaitForLineAsync(line => line.StartsWith(prefix, StringComparison.Ordinal), $"starting with '{prefix}'", timeout);

    /// <summary>Waits for the script to exit and returns its exit code.</summary>
    public Task<int> WaitForExitAsync(TimeSpan timeout) => _process.WaitForExitAsync(timeout);

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
