namespace ControlPlane.Core.Attempts;

/// <summary>Where one attempt at a step is. Attempts never reopen: a retry is a new attempt.</summary>
public enum AttemptState
{
    Offered,
    Running,
    Succeeded,
    Failed,
    Lost,
    Cancelled,
    Rejected,
}
