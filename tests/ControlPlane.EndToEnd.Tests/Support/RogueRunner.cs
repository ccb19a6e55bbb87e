using System.Globalization;
using System.Text.Json;
using ControlPlane.Testing;

namespace ControlPlane.EndToEnd.Tests.Support;

/// <summary>
/// A second registered runner, driven by Debian's python3-grpcio (Python/rogue_runner.py), that claims a foreign
/// attempt in its hello and sends every kind of report about it under the holder's epoch.
/// </summary>
internal static class RogueRunner
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _stubs;

    /// <summary>What the server answered the rogue: its runner id and every message of its stream, as JSON.</summary>
    public sealed record Transcript(long RunnerId, IReadOnlyList<JsonElement> Responses, string Raw)
    {
        public IEnumerable<JsonElement> Of(string kind) =>
            Responses.Where(r => r.TryGetProperty(kind, out _)).Select(r => r.GetProperty(kind));
    }

    public static async Task<Transcript> AttackAsync(string address, string registrationToken, long attemptId, long epoch, long logOffset)
    {
        var stubs = await StubsAsync();
        string[] arguments =
        [
            "-u", Path.Combine(AppContext.BaseDirectory, "Python", "rogue_runner.py"), new Uri(address).Authority, registrationToken,
            "rogue-" + Guid.NewGuid().ToString("N")[..6], Text(attemptId), Text(epoch), Text(logOffset),
        ];
        await using var python = ChildProcess.Start(PythonStubs.Python, arguments, stubs, new Dictionary<string, string> { ["PYTHONPATH"] = stubs });
        var exitCode = await python.WaitForExitAsync(TimeSpan.FromSeconds(90));
        Assert.True(exitCode == 0, $"rogue_runner.py exited with {exitCode}\n{python.Transcript}");
        var lines = python.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var runnerId = long.Parse(lines.Single(l => l.StartsWith("REGISTERED ", StringComparison.Ordinal))["REGISTERED ".Length..], CultureInfo.InvariantCulture);
        var responses = lines
            .Where(l => l.StartsWith("RESPONSE ", StringComparison.Ordinal))
            .Select(l => JsonDocument.Parse(l["RESPONSE ".Length..]).RootElement)
            .ToList();
        return new Transcript(runnerId, responses, python.StandardOutput);
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static async Task<string> StubsAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _stubs ??= await ApiPythonStubs.GenerateAsync(["controlplane/v1/runner.proto"]);
        }
        finally
        {
            Gate.Release();
        }
    }
}
