namespace ControlPlane.Server.Metrics;

/// <summary>One line of the exposition: a sample name (the family's, or with <c>_bucket</c>, <c>_sum</c>, <c>_count</c>), labels and value.</summary>
public sealed record MetricSample(string Name, IReadOnlyList<KeyValuePair<string, string>> Labels, double Value);
