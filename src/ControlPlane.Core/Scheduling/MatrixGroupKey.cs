using ControlPlane.Core.Runs;

namespace ControlPlane.Core.Scheduling;

/// <summary>The expansions of one matrix step in one run, which <c>max_parallel</c> limits together.</summary>
public readonly record struct MatrixGroupKey(RunId RunId, string StepId);
