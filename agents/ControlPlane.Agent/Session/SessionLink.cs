namespace ControlPlane.Agent.Session;

/// <summary>The session currently connected to the server, if any; attempts ship their logs and reports through it.</summary>
internal sealed class SessionLink
{
    private readonly Lock _gate = new();
    private AgentSession? _current;

    public AgentSession? Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    public void Attach(AgentSession session)
    {
        lock (_gate)
        {
            _current = session;
        }
    }

    /// <summary>Clears the link if <paramref name="session"/> is still the current one.</summary>
    public void Detach(AgentSession session)
    {
        lock (_gate)
        {
            if (ReferenceEquals(_current, session))
            {
                _current = null;
            }
        }
    }
}
