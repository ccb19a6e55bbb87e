using ControlPlane.Core.Runners;

namespace ControlPlane.Server.Scheduling.Runners;

/// <summary>A runner reported without an open session (it was declared lost or never connected); it must connect again.</summary>
public sealed class RunnerNotConnectedException : Exception
{
    public RunnerNotConnectedException(RunnerId runnerId)
        : base($"Runner {runnerId} has no open session; connect again.")
    {
        RunnerId = runnerId;
    }

    public RunnerId RunnerId { get; }
}
