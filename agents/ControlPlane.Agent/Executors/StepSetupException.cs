namespace ControlPlane.Agent.Executors;

/// <summary>
/// A step could not be prepared or started (workspace, working directory, environment, shell). The executor turns it
/// into a result with failure class <see cref="FailureClass.Error"/>.
/// </summary>
public sealed class StepSetupException : Exception
{
    public StepSetupException(string message)
        : base(message)
    {
    }

    public StepSetupException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
