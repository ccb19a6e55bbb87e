namespace ControlPlane.Server.Queries;

/// <summary>A long-lived call ended because the server is shutting down; the client resumes from where it stood.</summary>
public sealed class ServerStoppingException : Exception
{
    public ServerStoppingException(string resumeHint)
        : base($"The server is shutting down; reconnect later and {resumeHint}.")
    {
    }
}
