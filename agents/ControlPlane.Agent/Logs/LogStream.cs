namespace ControlPlane.Agent.Logs;

/// <summary>Which output stream bytes came from; the values are stored in the spool index.</summary>
public enum LogStream : byte
{
    Stdout = 1,
    Stderr = 2,

    /// <summary>Lines the agent itself writes into the log (e.g. why a step stopped).</summary>
    System = 3,
}
