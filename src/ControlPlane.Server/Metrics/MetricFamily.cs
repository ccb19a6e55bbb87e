namespace ControlPlane.Server.Metrics;

/// <summary>One Prometheus metric family: its samples under one name, help and type.</summary>
/// <param name="Type"><c>counter</c>, <c>gauge</c> or <c>histogram</c>.</param>
public sealed record MetricFamily(string Name, string Type, string Help, IReadOnlyList<MetricSample> Samples);
