using ControlPlane.Core.Runners;
using ControlPlane.Core.Storage;
using ControlPlane.Server.Scheduling.Runners;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Server.Admin;

/// <summary>What an administrator does with runners: list them with their load, drain or resume, remove.</summary>
public sealed class RunnerAdmin
{
    private readonly IStore _store;
    private readonly RunnerConnector _connector;
    private readonly ILogger<RunnerAdmin> _logger;

    public RunnerAdmin(IStore store, RunnerConnector connector, ILogger<RunnerAdmin> logger)
    {
        _store = store;
        _connector = connector;
        _logger = logger;
    }

    /// <summary>Every runner not removed, by name, with the attempts it holds.</summary>
    public async Task<IReadOnlyList<RunnerView>> ListAsync(CancellationToken cancellationToken)
    {
        await using var unit = await _store.BeginReadAsync(cancellationToken);
        var runners = await unit.Runners.ListAsync(cancellationToken);
        var loads = await unit.Attempts.CountLiveByRunnerAsync(cancellationToken);
        return [.. runners.Select(r => new RunnerView(r, loads.GetValueOrDefault(r.Id)))];
    }

    /// <summary>Drains the runner (a connected agent is told at once), or resumes it when <paramref name="draining"/> is false.</summary>
    /// <exception cref="EntityNotFoundException">No such runner.</exception>
    public async Task<RunnerView> SetDrainingAsync(RunnerId id, bool draining, CancellationToken cancellationToken)
    {
        await _connector.SetDrainingAsync(id, draining, cancellationToken);
        AdminLog.DrainSet(_logger, id.Value, draining);
        await using var unit = await _store.BeginReadAsync(cancellationToken);
        var runner = await unit.Runners.GetAsync(id, cancellationToken);
        var live = await unit.Attempts.ListLiveByRunnerAsync(id, cancellationToken);
        return new RunnerView(runner, live.Count);
    }

    /// <exception cref="RunnerBusyException">It is online or holds attempts.</exception>
    /// <exception cref="EntityNotFoundException">No such runner.</exception>
    public async Task RemoveAsync(RunnerId id, CancellationToken cancellationToken)
    {
        await _connector.RemoveAsync(id, cancellationToken);
        AdminLog.RunnerRemoved(_logger, id.Value);
    }
}
