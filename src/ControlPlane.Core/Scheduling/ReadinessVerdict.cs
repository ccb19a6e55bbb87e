namespace ControlPlane.Core.Scheduling;

/// <summary>What becomes of a pending step whose needs have all finished.</summary>
public enum ReadinessVerdict
{
    /// <summary>Its <c>if</c> holds: queue it for a runner.</summary>
    Ready,

    /// <summary>Its <c>if</c> does not hold (by default: a needed step did not succeed): it never runs.</summary>
    Skip,

    /// <summary>Its <c>if</c> cannot be evaluated: it fails without running.</summary>
    Fail,
}
