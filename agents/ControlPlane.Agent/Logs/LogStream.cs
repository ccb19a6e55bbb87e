namespace ControlPlane.Agent.Logs;

/// <summary>Which output stream bytes came from; the values are stored in the spool index and match the wire enum.</summary>
public enum LogStream : byte
{
    Stdout = 1,
    Stderr = 2,

    /// <summary>Lines the agent itself writes about a step: image pulls, an HTTP status line, a container being stopped.</summary>
    System = 3,
}
