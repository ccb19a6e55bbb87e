using System.Globalization;
using ControlPlane.Bench;
using ControlPlane.Bench.Grpc;
using ControlPlane.Bench.Observe;
using ControlPlane.Bench.Scheduling;

// bench [grpc|scheduler|observe|all] [--seconds N]: measures and prints one table; every figure comes from this run.
var suite = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
var secondsIndex = Array.IndexOf(args, "--seconds");
var duration = TimeSpan.FromSeconds(secondsIndex >= 0 && secondsIndex + 1 < args.Length
    ? double.Parse(args[secondsIndex + 1], CultureInfo.InvariantCulture)
    : 3);

var suites = new Dictionary<string, Func<BenchTable, Task>>
{
    ["grpc"] = table => GrpcBenchmarks.RunAsync(table, duration),
    ["scheduler"] = table => SchedulingBenchmarks.RunAsync(table, duration),
    ["observe"] = ObserveBenchmarks.RunAsync,
};

if (suite != "all" && !suites.ContainsKey(suite))
{
    await Console.Error.WriteLineAsync($"bench: unknown suite '{suite}'; expected all or one of: {string.Join(", ", suites.Keys)}");
    return 2;
}

var table = new BenchTable();
foreach (var (name, run) in suites.Where(s => suite == "all" || s.Key == suite))
{
    await Console.Error.WriteLineAsync($"bench: running {name} ({duration.TotalSeconds} s per measurement)");
    await run(table);
}

await Console.Out.WriteLineAsync($"ControlPlane bench, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
await Console.Out.WriteAsync(table.Render());
return 0;
