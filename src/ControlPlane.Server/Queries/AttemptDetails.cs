using ControlPlane.Core.Attempts;

namespace ControlPlane.Server.Queries;

/// <summary>An attempt with the name of the runner it was offered to (empty if that runner is gone).</summary>
public sealed record AttemptDetails(AttemptRecord Attempt, string RunnerName);
