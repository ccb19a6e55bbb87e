namespace ControlPlane.Core.Planning;

/// <summary>Bounds on one run's plan, checked by counting before any planned step is built.</summary>
/// <param name="MaxSteps">Most planned steps (every matrix combination counts) one run may have.</param>
/// <param name="Setting">The setting that changes <paramref name="MaxSteps"/>, named in the error so operators find it.</param>
public sealed record PlanLimits(int MaxSteps, string Setting)
{
    public const int DefaultMaxSteps = 10_000;

    /// <summary>The server's default: 10,000 steps, changed with <c>Server:MaxStepsPerRun</c>.</summary>
    public static PlanLimits Default { get; } = new(DefaultMaxSteps, "Server:MaxStepsPerRun");
}
