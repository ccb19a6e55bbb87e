namespace ControlPlane.Bench.Scheduling;

/// <summary>How many operations a measurement completed and how long they took.</summary>
internal sealed record BenchmarkResult(string Name, int Operations, TimeSpan Elapsed)
{
    public double PerSecond => Operations / Elapsed.TotalSeconds;

    public override string ToString() => $"{Name}: {Operations} in {Elapsed.TotalMilliseconds:F0} ms = {PerSecond:F0}/s";
}
