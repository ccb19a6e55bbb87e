namespace ControlPlane.Agent.Logs.Spool;

/// <summary>
/// A spool's files contradict each other in a way no crash can produce (a torn tail is repaired, not reported), for
/// example an acknowledged offset beyond the data: the spool was changed by something other than the agent.
/// </summary>
public sealed class LogSpoolCorruptException : Exception
{
    public LogSpoolCorruptException(string directory, string problem)
        : base($"Log spool {directory} is corrupt: {problem}")
    {
        Directory = directory;
    }

    public string Directory { get; }
}
