namespace ControlPlane.Core.Planning;

/// <summary>How the expansions of one matrix step run together; shared by all of them.</summary>
/// <param name="Size">How many expansions the step has.</param>
public sealed record MatrixStrategy(int Size, int? MaxParallel, bool FailFast);
