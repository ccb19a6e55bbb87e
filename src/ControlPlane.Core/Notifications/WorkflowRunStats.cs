namespace ControlPlane.Core.Notifications;

/// <summary>How a workflow's runs that finished in a window ended; cancelled runs are counted apart.</summary>
public sealed record WorkflowRunStats(int Succeeded, int Failed, int Cancelled)
{
    /// <summary>Succeeded and failed runs: what a success rate is taken over.</summary>
    public int Decided => Succeeded + Failed;

    /// <summary>Succeeded over decided, or 1 when nothing was decided.</summary>
    public double SuccessRate => Decided == 0 ? 1 : (double)Succeeded / Decided;
}
