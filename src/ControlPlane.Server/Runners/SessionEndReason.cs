namespace ControlPlane.Server.Runners;

/// <summary>Why the server ended a runner's stream.</summary>
public enum SessionEndReason
{
    /// <summary>The runner missed its heartbeats and was declared lost (FAILED_PRECONDITION).</summary>
    RunnerLost,

    /// <summary>A newer Connect of the same runner took over (ABORTED).</summary>
    Replaced,

    /// <summary>The server is shutting down (UNAVAILABLE).</summary>
    ServerShutdown,
}
