namespace ControlPlane.Server.Runners;

/// <summary>The server ended a runner's stream; <see cref="Reason"/> says why, which decides the status the agent sees.</summary>
public sealed class RunnerSessionEndedException : Exception
{
    public RunnerSessionEndedException(SessionEndReason reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    public SessionEndReason Reason { get; }
}
