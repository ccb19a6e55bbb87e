namespace ControlPlane.Server.Runners;

/// <summary>How a runner's stream ended without an error.</summary>
internal enum StreamEnd
{
    /// <summary>The agent closed its side (or went away).</summary>
    ClientCompleted,

    /// <summary>The registry closed the session: the runner was declared lost, or a newer Connect replaced it.</summary>
    SessionClosed,

    /// <summary>The caller stopped the stream (server shutdown).</summary>
    Stopped,
}
