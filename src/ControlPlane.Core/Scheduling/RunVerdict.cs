namespace ControlPlane.Core.Scheduling;

/// <summary>How a run whose steps have all finished concludes, and why (recorded on its event).</summary>
public sealed record RunVerdict(bool Succeeded, string Reason);
