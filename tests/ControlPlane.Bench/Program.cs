using System.Globalization;
using ControlPlane.Bench;
using ControlPlane.Bench.EndToEnd;
using ControlPlane.Bench.Grpc;
using ControlPlane.Bench.Observe;
using ControlPlane.Bench.Scheduling;

// bench [all|grpc|scheduler|observe|system|throughput|dispatch|logs|agents|recovery|idle] [--seconds N] [--quick]: measures and
// prints one table; every figure comes from this run. `system` runs the real-process figures; --quick shrinks them.
var suite = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
var secondsIndex = Array.IndexOf(args, "--seconds");
var duration = TimeSpan.FromSeconds(secondsIndex >= 0 && secondsIndex + 1 < args.Length
    ? double.Parse(args[secondsIndex + 1], CultureInfo.InvariantCulture)
    : 3);

var quick = args.Contains("--quick");
var suites = new Dictionary<string, Func<BenchTable, Task>>
{
    ["grpc"] = table => GrpcBenchmarks.RunAsync(table, duration),
    ["scheduler"] = table => SchedulingBenchmarks.RunAsync(table, duration),
    ["observe"] = ObserveBenchmarks.RunAsync,
};
var system = EndToEndBenchmarks.Suites(quick);
foreach (var (name, run) in system)
{
    suites[name] = run;
}

var selected = suite == "system" ? [.. system.Keys] : suite == "all" ? suites.Keys.ToList() : [suite];
if (!selected.All(suites.ContainsKey))
{
    await Console.Error.WriteLineAsync($"bench: unknown suite '{suite}'; expected all, system or one of: {string.Join(", ", suites.Keys)}");
    return 2;
}

var loadAtStart = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
var table = new BenchTable();
foreach (var (name, run) in suites.Where(s => selected.Contains(s.Key)))
{
    await Console.Error.WriteLineAsync($"bench: running {name} ({duration.TotalSeconds} s per measurement)");
    await run(table);
}

await Console.Out.WriteLineAsync($"ControlPlane bench {suite}{(quick ? " --quick" : "")}, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average at start {loadAtStart}");
await Console.Out.WriteAsync(table.Render());
return 0;
