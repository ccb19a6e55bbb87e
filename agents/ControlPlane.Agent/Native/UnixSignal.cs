namespace ControlPlane.Agent.Native;

/// <summary>The POSIX signals the agent sends, with their Linux numbers.</summary>
public enum UnixSignal
{
    /// <summary>SIGINT: what Ctrl-C sends; scripts may trap it to clean up.</summary>
    Interrupt = 2,

    /// <summary>SIGKILL: cannot be caught or ignored.</summary>
    Kill = 9,

    /// <summary>SIGTERM: the conventional polite request to stop.</summary>
    Terminate = 15,
}
