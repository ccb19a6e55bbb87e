namespace ControlPlane.Bench;

/// <summary>One measured figure with what it is compared to: a reference measured in the same run, or a target.</summary>
public sealed record BenchRow(string Measurement, double Value, string Unit, string Reference, string Verdict);
