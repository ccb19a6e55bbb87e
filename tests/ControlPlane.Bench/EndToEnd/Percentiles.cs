namespace ControlPlane.Bench.EndToEnd;

/// <summary>Nearest-rank percentiles of a sample.</summary>
internal sealed class Percentiles
{
    private readonly double[] _sorted;

    public Percentiles(IEnumerable<double> values)
    {
        _sorted = [.. values.Order()];
        if (_sorted.Length == 0)
        {
            throw new ArgumentException("no values to take percentiles of", nameof(values));
        }
    }

    public int Count => _sorted.Length;

    public double P50 => At(50);

    public double P95 => At(95);

    public double P99 => At(99);

    public double At(double percent) => _sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * _sorted.Length) - 1, 0, _sorted.Length - 1)];

    public string Describe(string unit) => $"p50 {BenchTable.Format(P50)} / p95 {BenchTable.Format(P95)} / p99 {BenchTable.Format(P99)} {unit}";
}
