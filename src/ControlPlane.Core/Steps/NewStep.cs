namespace ControlPlane.Core.Steps;

/// <summary>One step of an expanded plan, created pending.</summary>
/// <param name="Key">Stable within the run (matrix legs included, e.g. <c>test (linux, 3.12)</c>); other steps name it in their needs.</param>
/// <param name="Needs">Keys of the steps that must succeed first.</param>
/// <param name="SpecJson">The resolved action, labels, timeout and retry policy; opaque to the store.</param>
/// <param name="MatrixGroup">The key of the matrix step this leg was expanded from, if any.</param>
public sealed record NewStep(string Key, IReadOnlyList<string> Needs, string SpecJson, string? MatrixGroup = null);
