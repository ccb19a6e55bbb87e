using ControlPlane.Core.Runs;

namespace ControlPlane.Server.Scheduling.Runs;

/// <summary>The run a start request led to.</summary>
/// <param name="Created">False when an idempotency key found the run a previous request created.</param>
public sealed record RunLaunch(RunRecord Run, bool Created);
