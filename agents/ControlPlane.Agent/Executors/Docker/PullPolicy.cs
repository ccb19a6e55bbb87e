namespace ControlPlane.Agent.Executors.Docker;

/// <summary>When a docker step pulls its image.</summary>
public enum PullPolicy
{
    /// <summary>Pull only when the image is not present on this machine (the default).</summary>
    IfMissing,

    /// <summary>Pull every time, so a moving tag (<c>latest</c>) is current; a failed pull fails the step.</summary>
    Always,

    /// <summary>Never pull: a missing image fails the step (air-gapped runners, pre-loaded images).</summary>
    Never,
}
