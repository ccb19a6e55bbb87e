namespace ControlPlane.Agent.State;

/// <summary>
/// A state file cannot be trusted: unreadable JSON (writes are atomic, so no crash produces that) or a token file
/// others may read. The agent should stop rather than guess which processes are its own.
/// </summary>
public sealed class AgentStateCorruptException : Exception
{
    public AgentStateCorruptException(string path, string problem, Exception? innerException = null)
        : base($"State file {path}: {problem}", innerException)
    {
        Path = path;
    }

    public string Path { get; }
}
