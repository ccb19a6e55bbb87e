namespace ControlPlane.Core.Definitions;

public enum PullPolicy
{
    /// <summary>Pull only when the image is not present locally: the default.</summary>
    IfMissing,
    Always,
    Never,
}
