using ControlPlane.Core.Runners;

namespace ControlPlane.Server.Scheduling.Runners;

/// <summary>A runner cannot be removed while it is online or holds attempts; drain it and stop its agent first.</summary>
public sealed class RunnerBusyException : Exception
{
    public RunnerBusyException(RunnerId runnerId, string why)
        : base($"Runner {runnerId} cannot be removed: {why}. Drain it, wait for its attempts to end and stop its agent first.")
    {
        RunnerId = runnerId;
    }

    public RunnerId RunnerId { get; }
}
