using ControlPlane.Agent.Logs.Spool;
using ControlPlane.Agent.Processes;
using ControlPlane.Agent.Session;
using ControlPlane.Agent.State;

namespace ControlPlane.Agent.Attempts;

/// <summary>
/// One attempt this agent holds, from the offer it accepted (or the state file it found at start) until the server has
/// confirmed its result and every byte of its log. Mutable state is touched by the session's reader (acks, resume,
/// cancel, abort) and by the attempt's own task; every change sets <see cref="Changed"/>.
/// </summary>
internal sealed class AgentAttempt
{
    private readonly Lock _gate = new();
    private AgentSession? _session;
    private long _epoch;
    private long _shipped;
    private long _acknowledged;

    public AgentAttempt(long attemptId, long epoch, AttemptKey key, string workspace, LogSpool spool)
    {
        AttemptId = attemptId;
        _epoch = epoch;
        Key = key;
        Workspace = workspace;
        Spool = spool;
    }

    public long AttemptId { get; }

    public AttemptKey Key { get; }

    public string Workspace { get; }

    public LogSpool Spool { get; }

    /// <summary>Cancels the running work: a cancel from the server, or the agent's forced shutdown.</summary>
    public CancellationTokenSource Cancellation { get; } = new();

    /// <summary>Set on every change a waiter may care about.</summary>
    public AsyncSignal Changed { get; } = new();

    /// <summary>The record in the state directory, as last written.</summary>
    public RunningAttempt? Record { get; set; }

    /// <summary>How the work ended; null while it runs.</summary>
    public AttemptEnd? End => Record?.End;

    /// <summary>The server does not recognise the attempt any more: stop, forget, report nothing.</summary>
    public string? AbortReason { get; private set; }

    /// <summary>Why the agent stopped the work itself because its lease must have expired (see <see cref="Session.LeaseFence"/>); null otherwise.</summary>
    public string? FenceReason { get; private set; }

    public bool FinishedAcknowledged { get; private set; }

    public long Epoch
    {
        get
        {
            lock (_gate)
            {
                return _epoch;
            }
        }
    }

    /// <summary>The session the current epoch was granted in; null while disconnected.</summary>
    public AgentSession? Session
    {
        get
        {
            lock (_gate)
            {
                return _session is { IsOpen: true } open ? open : null;
            }
        }
    }

    public long Shipped
    {
        get
        {
            lock (_gate)
            {
                return _shipped;
            }
        }
    }

    public long Acknowledged
    {
        get
        {
            lock (_gate)
            {
                return _acknowledged;
            }
        }
    }

    /// <summary>The attempt belongs to <paramref name="session"/> under <paramref name="epoch"/>; shipping resumes at <paramref name="logOffset"/>.</summary>
    public void Resume(AgentSession session, long epoch, long logOffset)
    {
        lock (_gate)
        {
            _session = session;
            _epoch = epoch;
            _shipped = logOffset;
            _acknowledged = Math.Max(_acknowledged, logOffset);
        }

        Changed.Set();
    }

    /// <summary>Bytes before <paramref name="offset"/> were handed to the session.</summary>
    public void MarkShipped(long offset)
    {
        lock (_gate)
        {
            _shipped = Math.Max(_shipped, offset);
        }
    }

    public void Acknowledge(long offset)
    {
        lock (_gate)
        {
            _acknowledged = Math.Max(_acknowledged, offset);
            _shipped = Math.Max(_shipped, _acknowledged);
        }

        Changed.Set();
    }

    public void ConfirmFinished()
    {
        FinishedAcknowledged = true;
        Changed.Set();
    }

    /// <summary>Stops the work because the agent can no longer hold its lease; it is reported as lost by the runner.</summary>
    /// <returns>The process already recorded, which the caller kills at once; null when none is recorded yet.</returns>
    /// <remarks>
    /// Under the same lock as <see cref="RecordStarted"/>: a fence racing the start's record is seen by exactly one of
    /// the two, so the group is killed either here or there, never by neither.
    /// </remarks>
    public ProcessIdentity? Fence(string reason)
    {
        ProcessIdentity? process;
        lock (_gate)
        {
            FenceReason ??= reason;
            process = Record?.Process;
        }

        Cancellation.Cancel();
        Changed.Set();
        return process;
    }

    /// <summary>Keeps the record of the started work once it is saved.</summary>
    /// <returns>True when a fence came first and found no process to kill: the caller kills it.</returns>
    public bool RecordStarted(RunningAttempt record)
    {
        lock (_gate)
        {
            Record = record;
            return FenceReason is not null;
        }
    }

    public void Abort(string reason)
    {
        AbortReason = reason;
        Cancellation.Cancel();
        Changed.Set();
    }
}
