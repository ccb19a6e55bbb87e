using System.Collections.Concurrent;
using System.Threading.Channels;
using ControlPlane.Core.Attempts;
using ControlPlane.Core.Runners;

namespace ControlPlane.Server.Scheduling.Runners;

/// <summary>
/// One connected runner as the scheduler knows it: who it is, what it offers, and the queue of commands on their way
/// to it. The runner protocol reads <see cref="Commands"/> and writes them to the runner's stream; the queue completes
/// when the session is closed (disconnect, runner lost, or replaced by a newer session of the same runner).
/// It also remembers what the store does not: attempts the runner was told to stop and has not reported ended yet
/// (their slots stay busy), and a pause in offers after the runner rejected one.
/// </summary>
public sealed class RunnerSession
{
    private readonly Channel<RunnerCommand> _commands = Channel.CreateUnbounded<RunnerCommand>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<AttemptId, bool> _stopping = new();

    // Attempts the server ended whose end the runner reported before the cancel for them was queued (the cancel goes
    // out after the tick commits): that cancel must not mark a slot busy that nothing would free again.
    private readonly ConcurrentDictionary<AttemptId, bool> _reportedBeforeCancel = new();
    private readonly Lock _gate = new();
    private volatile bool _draining;
    private int _rejectsInARow;
    private DateTimeOffset _offersPausedUntil = DateTimeOffset.MinValue;

    internal RunnerSession(RunnerRecord runner)
    {
        RunnerId = runner.Id;
        Name = runner.Name;
        Labels = runner.Labels;
        Capacity = runner.Capacity;
        _draining = runner.Draining;
    }

    public RunnerId RunnerId { get; }

    public string Name { get; }

    public IReadOnlyList<string> Labels { get; }

    /// <summary>How many attempts the runner runs at once.</summary>
    public int Capacity { get; }

    /// <summary>A draining runner finishes what it has and is offered nothing new.</summary>
    public bool Draining
    {
        get => _draining;
        internal set => _draining = value;
    }

    /// <summary>Commands for the runner, in the order the server decided them.</summary>
    public ChannelReader<RunnerCommand> Commands => _commands.Reader;

    public bool IsClosed => _commands.Reader.Completion.IsCompleted;

    /// <summary>
    /// Attempts the runner was told to stop (a cancel, a timeout) and has not reported ended: the server may have ended
    /// them already, but the runner's slot is busy until the runner says its work is gone.
    /// </summary>
    public IReadOnlyCollection<AttemptId> Stopping => [.. _stopping.Keys];

    /// <summary>Until when the runner is offered nothing after rejecting offers; <see cref="DateTimeOffset.MinValue"/> when not paused.</summary>
    public DateTimeOffset OffersPausedUntil
    {
        get
        {
            lock (_gate)
            {
                return _offersPausedUntil;
            }
        }
    }

    /// <returns>False when the session is closed; the command is dropped (the lease machinery covers it).</returns>
    internal bool TrySend(RunnerCommand command)
    {
        if (command is CancelCommand { WorkStarted: true } cancel && !_reportedBeforeCancel.TryRemove(cancel.AttemptId, out _))
        {
            _stopping.TryAdd(cancel.AttemptId, true);
        }

        return _commands.Writer.TryWrite(command);
    }

    /// <summary>The runner reported the attempt ended; <paramref name="endedByServer"/> when refused because the server ended it first.</summary>
    /// <returns>True when a slot was freed.</returns>
    internal bool Released(AttemptId attemptId, bool endedByServer)
    {
        if (_stopping.TryRemove(attemptId, out _))
        {
            return true;
        }

        if (endedByServer)
        {
            _reportedBeforeCancel.TryAdd(attemptId, true);
        }

        return false;
    }

    /// <summary>The runner rejected an offer: no offers for <paramref name="first"/>, doubled per reject in a row up to <paramref name="max"/>.</summary>
    internal void Rejected(DateTimeOffset now, TimeSpan first, TimeSpan max)
    {
        lock (_gate)
        {
            var pause = first * Math.Pow(2, Math.Min(_rejectsInARow, 30));
            _rejectsInARow++;
            _offersPausedUntil = now + (pause > max ? max : pause);
        }
    }

    /// <summary>The runner took an offer: rejects in a row start over.</summary>
    internal void Accepted()
    {
        lock (_gate)
        {
            _rejectsInARow = 0;
            _offersPausedUntil = DateTimeOffset.MinValue;
        }
    }

    internal void Close() => _commands.Writer.TryComplete();
}
