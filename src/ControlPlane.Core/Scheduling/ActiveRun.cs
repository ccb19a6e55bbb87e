using ControlPlane.Core.Runs;

namespace ControlPlane.Core.Scheduling;

/// <summary>A running or cancelling run holding a concurrency key.</summary>
public sealed record ActiveRun(RunId Id, string ConcurrencyKey, bool Cancelling, DateTimeOffset CreatedAt);
