using System.Diagnostics;
using System.Globalization;
using System.Text;
using ControlPlane.Contracts.V1;

namespace ControlPlane.Bench.EndToEnd;

/// <summary>
/// Log throughput: one step on a real agent writes <c>lines</c> distinct lines of 80 bytes (seq, zero-padded to 79
/// characters). Timed from the script's first command (its $EPOCHREALTIME written to a file; another after the generator) to the bench seeing
/// the attempt's log complete in the store (GetRun polled every 10 ms); the stored log is then read back and
/// compared byte for byte. Measured after a warm-up step writing a tenth as much. The reference is the same generator read through a pipe by one program.
/// </summary>
internal static class LogThroughputBenchmark
{
    private const int LineBytes = 80;
    private const double Target = 50;

    public static async Task RunAsync(BenchTable table, int lines)
    {
        await using var cluster = await BenchCluster.StartAsync();
        await cluster.StartAgentsAsync(1, capacity: 1);
        var generator = string.Create(CultureInfo.InvariantCulture, $"seq -f '%0{LineBytes - 1}g' 1 {lines}");
        var bare = await MeasurePipeAsync(generator);

        var startFile = Path.Combine(cluster.Scratch, "log-start.txt");
        // Warm-up on the same processes (tiered JIT): a tenth of the log, not measured.
        var warmUp = await cluster.StartRunAsync(await cluster.ApplyAsync("warm-up.yaml", Workflow("warm-up", startFile, $"seq -f '%0{LineBytes - 1}g' 1 {lines / 10}")));
        await cluster.WaitForRunAsync(warmUp, r => r.Steps.Single().Attempts.LastOrDefault()?.LogComplete == true, TimeSpan.FromMinutes(5), TimeSpan.FromMilliseconds(50));
        var workflow = await cluster.ApplyAsync("chatty.yaml", Workflow("chatty", startFile, generator));
        var runId = await cluster.StartRunAsync(workflow);
        await cluster.WaitForRunAsync(runId, r => r.Steps.Single().Attempts.LastOrDefault()?.LogComplete == true, TimeSpan.FromMinutes(5), TimeSpan.FromMilliseconds(10));
        var completeAt = DateTimeOffset.UtcNow;
        var clocks = (await File.ReadAllLinesAsync(startFile)).Select(WallClock.ParseEpochRealtime).ToList();
        var (started, written) = (clocks[0], clocks[1]);
        var bytes = (long)lines * LineBytes;
        var rate = bytes / 1e6 / (completeAt - started).TotalSeconds;

        var stored = await cluster.ReadLogAsync(runId, "talk");
        var exact = stored.AsSpan().SequenceEqual(Expected(lines));
        table.Add(new(
            string.Create(CultureInfo.InvariantCulture, $"log throughput into the store, {lines:N0} lines x {LineBytes} B"),
            rate,
            "MB/s",
            string.Create(CultureInfo.InvariantCulture, $"generator into a pipe alone: {BenchTable.Format(bare)} MB/s; stored {stored.Length:N0} of {bytes:N0} B, {(exact ? "byte-exact" : "NOT byte-exact")}"),
            exact ? Verdicts.AtLeast(rate, Target) : "MISSED (log not byte-exact)"));
        // Where the time goes: the generator can only write as fast as the agent drains its pipe (read, mask, spool);
        // after it exits, the rest of the log is shipped, stored and confirmed.
        table.Add(new(
            "log breakdown: step writing (agent draining the pipe)",
            (written - started).TotalSeconds,
            "s",
            string.Create(CultureInfo.InvariantCulture, $"{BenchTable.Format(bytes / 1e6 / (written - started).TotalSeconds)} MB/s; then exit -> log complete {(completeAt - written).TotalSeconds:N2} s"),
            "-"));
    }

    private static string Workflow(string name, string startFile, string generator) => $"""
        name: {name}
        steps:
          - id: talk
            run: |
              echo $EPOCHREALTIME > '{startFile}'
              {generator}
              echo $EPOCHREALTIME >> '{startFile}'
        """;

    private static byte[] Expected(int lines)
    {
        var text = new StringBuilder(lines * LineBytes);
        for (var i = 1; i <= lines; i++)
        {
            text.Append(i.ToString(CultureInfo.InvariantCulture).PadLeft(LineBytes - 1, '0')).Append('\n');
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }

    private static async Task<double> MeasurePipeAsync(string command)
    {
        var start = new ProcessStartInfo("bash", ["-c", command]) { RedirectStandardOutput = true };
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        var buffer = new byte[65536];
        long total = 0;
        int read;
        while ((read = await process.StandardOutput.BaseStream.ReadAsync(buffer)) > 0)
        {
            total += read;
        }

        await process.WaitForExitAsync();
        return total / 1e6 / clock.Elapsed.TotalSeconds;
    }
}
