namespace ControlPlane.Agent.Configuration;

/// <summary>The configuration is wrong: the message names the flag, variable or file and what is wrong with it.</summary>
public sealed class AgentUsageException : Exception
{
    public AgentUsageException(string message)
        : base(message)
    {
    }

    public AgentUsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AgentUsageException()
    {
    }
}
