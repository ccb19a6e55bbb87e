namespace ControlPlane.Agent.Processes;

/// <summary>A recorded pid now names a different process, so its group must not be signalled.</summary>
public sealed class ProcessNotOursException : Exception
{
    public ProcessNotOursException(ProcessIdentity recorded)
        : base($"Pid {recorded.Pid} no longer names the recorded process (start time {recorded.StartTime}); refusing to signal it.")
    {
        Recorded = recorded;
    }

    public ProcessIdentity Recorded { get; }
}
