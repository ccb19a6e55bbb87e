namespace ControlPlane.Server.Tests.Scheduling.Support;

/// <summary>Thrown at a fault point to stop the scheduler there, as if the process died.</summary>
internal sealed class SimulatedCrashException : Exception
{
    public SimulatedCrashException()
        : base("simulated crash")
    {
    }
}
