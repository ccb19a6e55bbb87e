using System.Diagnostics;
using System.Globalization;

namespace ControlPlane.Bench.EndToEnd;

/// <summary>
/// The reference for the agent-driven figures: the same processes the shell executor starts (setsid, then bash
/// --noprofile --norc -e -o pipefail on a script file, stdin closed, stdout and stderr read to the end), started
/// from one program without any control plane around them.
/// </summary>
internal static class BareSpawn
{
    /// <summary>Processes per second running <paramref name="count"/> scripts of <c>true</c>, <paramref name="parallel"/> at a time.</summary>
    public static async Task<double> MeasureRateAsync(string directory, int count, int parallel)
    {
        var script = WriteScript(directory, "true.sh", "true\n");
        await RunAsync(script);
        var next = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, parallel).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) <= count)
            {
                await RunAsync(script);
            }
        })));
        return count / clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Milliseconds from asking for the process (just before <see cref="Process.Start()"/>) to the script's first line
    /// reading the wall clock ($EPOCHREALTIME, microseconds), one process at a time.
    /// </summary>
    public static async Task<Percentiles> MeasureStartLatencyAsync(string directory, int count)
    {
        var script = WriteScript(directory, "clock.sh", "echo $EPOCHREALTIME\n");
        var latencies = new List<double>();
        for (var i = -5; i < count; i++)
        {
            var asked = DateTimeOffset.UtcNow;
            var output = await RunAsync(script);
            if (i >= 0)
            {
                latencies.Add((WallClock.ParseEpochRealtime(output.Trim()) - asked).TotalMilliseconds);
            }
        }

        return new Percentiles(latencies);
    }

    private static string WriteScript(string directory, string name, string text)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static async Task<string> RunAsync(string script)
    {
        var start = new ProcessStartInfo("setsid")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "bash", "--noprofile", "--norc", "-e", "-o", "pipefail", script })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("setsid did not start");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await Task.WhenAll(stdout, stderr);
        if (process.ExitCode != 0)
        {
            var error = await stderr;
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{script} exited {process.ExitCode}: {error}"));
        }

        return await stdout;
    }
}
