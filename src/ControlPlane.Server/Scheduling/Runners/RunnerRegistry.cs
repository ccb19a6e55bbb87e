using System.Collections.Concurrent;
using ControlPlane.Core.Runners;

namespace ControlPlane.Server.Scheduling.Runners;

/// <summary>
/// The connected runners, in memory only: at most one session per runner. The store records who is online; this holds
/// the live sessions the scheduler can send to. Thread-safe.
/// </summary>
public sealed class RunnerRegistry
{
    private readonly ConcurrentDictionary<RunnerId, RunnerSession> _sessions = new();

    /// <summary>Adds the session, closing and replacing an older session of the same runner.</summary>
    internal void Attach(RunnerSession session)
    {
        RunnerSession? replaced = null;
        _sessions.AddOrUpdate(session.RunnerId, session, (_, old) =>
        {
            replaced = old;
            return session;
        });
        replaced?.Close();
    }

    /// <summary>Removes and closes the session if it is still the runner's current one.</summary>
    /// <returns>True when it was current.</returns>
    internal bool Detach(RunnerSession session)
    {
        var removed = _sessions.TryRemove(new KeyValuePair<RunnerId, RunnerSession>(session.RunnerId, session));
        session.Close();
        return removed;
    }

    /// <summary>Closes whatever session the runner has (it was declared lost).</summary>
    internal void Close(RunnerId runnerId)
    {
        if (_sessions.TryRemove(runnerId, out var session))
        {
            session.Close();
        }
    }

    public bool TryGet(RunnerId runnerId, out RunnerSession session) =>
        _sessions.TryGetValue(runnerId, out session!) && !session.IsClosed;

    /// <summary>The open sessions at this moment.</summary>
    public IReadOnlyList<RunnerSession> Snapshot() => [.. _sessions.Values.Where(s => !s.IsClosed).OrderBy(s => s.RunnerId.Value)];

    /// <returns>False when the runner has no open session; the command is dropped.</returns>
    internal bool Send(RunnerId runnerId, RunnerCommand command) =>
        TryGet(runnerId, out var session) && session.TrySend(command);
}
