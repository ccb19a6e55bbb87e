namespace ControlPlane.Core.Planning;

/// <summary>Values a planned step gets when neither the step nor the workflow defaults set them.</summary>
public static class StepDefaults
{
    /// <summary>One hour: long enough for real builds, short enough that a hung step is noticed.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromHours(1);
}
