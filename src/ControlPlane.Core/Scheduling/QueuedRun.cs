using ControlPlane.Core.Definitions;
using ControlPlane.Core.Runs;

namespace ControlPlane.Core.Scheduling;

/// <summary>A queued run waiting for admission, with its workflow's concurrency policy if it has a key.</summary>
public sealed record QueuedRun(RunId Id, string? ConcurrencyKey, ConcurrencyPolicy? Policy, DateTimeOffset CreatedAt);
