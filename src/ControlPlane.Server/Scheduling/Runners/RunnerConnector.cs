using ControlPlane.Core.Runners;
using ControlPlane.Core.Storage;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Server.Scheduling.Runners;

/// <summary>
/// Opens and closes runner sessions: the store records the runner online or offline (with its event), the registry
/// holds the live session, and the dispatch loop is woken because capacity changed.
/// </summary>
public sealed class RunnerConnector
{
    private readonly IStore _store;
    private readonly RunnerRegistry _registry;
    private readonly SchedulerSignal _signal;
    private readonly ILogger<RunnerConnector> _logger;

    public RunnerConnector(IStore store, RunnerRegistry registry, SchedulerSignal signal, ILogger<RunnerConnector> logger)
    {
        _store = store;
        _registry = registry;
        _signal = signal;
        _logger = logger;
    }

    /// <summary>
    /// Connects a registered runner (already authenticated by the caller) and returns its session; an older session of
    /// the same runner is closed. Labels, capacity and the drain flag come from the runner's registration.
    /// </summary>
    /// <exception cref="EntityNotFoundException">No such runner.</exception>
    public async Task<RunnerSession> ConnectAsync(RunnerId runnerId, CancellationToken cancellationToken)
    {
        await using var unit = await _store.BeginAsync(cancellationToken);
        var runner = await unit.Runners.GetAsync(runnerId, cancellationToken);
        if (runner.State == RunnerState.Online)
        {
            // A new session of a runner whose old one has not been closed yet (e.g. a reconnect racing the disconnect).
            await unit.Runners.RecordHeartbeatAsync(runnerId, cancellationToken);
        }
        else
        {
            runner = await unit.Runners.TransitionAsync(runnerId, RunnerTrigger.Connect, runner.State, cancellationToken);
        }

        await unit.CommitAsync(cancellationToken);
        var session = new RunnerSession(runner);
        _registry.Attach(session);
        SchedulerLog.RunnerConnected(_logger, runner.Id.Value, runner.Name, runner.Capacity);
        _signal.Wake();
        return session;
    }

    /// <summary>Closes the session (the runner went away cleanly). Its attempts keep their leases: if it does not come
    /// back and reattach in time, they expire like any other.</summary>
    public async Task DisconnectAsync(RunnerSession session, CancellationToken cancellationToken)
    {
        if (!_registry.Detach(session))
        {
            return;
        }

        await using var unit = await _store.BeginAsync(cancellationToken);
        var runner = await unit.Runners.GetAsync(session.RunnerId, cancellationToken);
        if (runner.State == RunnerState.Online)
        {
            await unit.Runners.TransitionAsync(runner.Id, RunnerTrigger.Disconnect, RunnerState.Online, cancellationToken);
        }

        await unit.CommitAsync(cancellationToken);
        SchedulerLog.RunnerDisconnected(_logger, session.RunnerId.Value);
        _signal.Wake();
    }

    /// <summary>
    /// Sets or clears the drain flag: a draining runner finishes what it has and is offered nothing new. An operator's
    /// drain is also sent to the connected runner as a <see cref="DrainCommand"/>, so it can exit once idle.
    /// </summary>
    public Task SetDrainingAsync(RunnerId runnerId, bool draining, CancellationToken cancellationToken) =>
        SetDrainingAsync(runnerId, draining, notifyRunner: true, cancellationToken);

    /// <summary>
    /// The agent itself is draining (e.g. it got SIGTERM): it is offered nothing more for the rest of this session.
    /// Memory only, unlike an operator's drain: the agent's next start is a fresh one and takes work again.
    /// </summary>
    internal void DrainSession(RunnerId runnerId)
    {
        if (_registry.TryGet(runnerId, out var session))
        {
            session.Draining = true;
        }

        _signal.Wake();
    }

    /// <param name="notifyRunner">False when the runner itself asked to drain (it needs no telling).</param>
    internal async Task SetDrainingAsync(RunnerId runnerId, bool draining, bool notifyRunner, CancellationToken cancellationToken)
    {
        await using var unit = await _store.BeginAsync(cancellationToken);
        await unit.Runners.SetDrainingAsync(runnerId, draining, cancellationToken);
        await unit.CommitAsync(cancellationToken);
        if (_registry.TryGet(runnerId, out var session))
        {
            session.Draining = draining;
            if (draining && notifyRunner)
            {
                session.TrySend(new DrainCommand("drained by an operator"));
            }
        }

        _signal.Wake();
    }

    /// <summary>
    /// Forgets an idle, disconnected runner (see <see cref="IRunnerRepository.RemoveAsync"/>): its token stops working
    /// and its name is free again, while its attempts and events keep their history.
    /// </summary>
    /// <exception cref="RunnerBusyException">It is connected, online or holds offered or running attempts.</exception>
    /// <exception cref="EntityNotFoundException">No such runner, or it was removed already.</exception>
    public async Task RemoveAsync(RunnerId runnerId, CancellationToken cancellationToken)
    {
        if (_registry.TryGet(runnerId, out _))
        {
            throw new RunnerBusyException(runnerId, "its agent is connected");
        }

        await using var unit = await _store.BeginAsync(cancellationToken);
        var runner = await unit.Runners.GetAsync(runnerId, cancellationToken);
        if (runner.State == RunnerState.Online)
        {
            throw new RunnerBusyException(runnerId, "it is online");
        }

        var live = await unit.Attempts.ListLiveByRunnerAsync(runnerId, cancellationToken);
        if (live.Count > 0)
        {
            throw new RunnerBusyException(runnerId, $"it holds {live.Count} offered or running attempt(s)");
        }

        await unit.Runners.RemoveAsync(runnerId, cancellationToken);
        await unit.CommitAsync(cancellationToken);
    }
}
