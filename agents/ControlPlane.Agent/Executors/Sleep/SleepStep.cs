using ControlPlane.Agent.Attempts;

namespace ControlPlane.Agent.Executors.Sleep;

/// <summary>One attempt of a sleep step: it waits, and succeeds.</summary>
/// <param name="Attempt">Which run, step and attempt.</param>
/// <param name="Duration">How long to wait; not negative.</param>
public sealed record SleepStep(AttemptKey Attempt, TimeSpan Duration)
{
    /// <summary>A limit shorter than <see cref="Duration"/> ends the step as timed out; null for none.</summary>
    public TimeSpan? Timeout { get; init; }
}
