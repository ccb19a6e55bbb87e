using ControlPlane.Core.Attempts;
using ControlPlane.Core.Runners;

namespace ControlPlane.Server.Scheduling.Runners;

/// <summary>
/// Commands and session closes decided inside a unit of work, delivered only after it commits: the store records a
/// decision before anyone acts on it. If the commit fails, the outbox is dropped and nothing was sent.
/// </summary>
internal sealed class CommandOutbox
{
    private readonly List<(RunnerId Runner, RunnerCommand Command)> _commands = [];
    private readonly List<RunnerId> _closes = [];

    public IReadOnlyList<(RunnerId Runner, RunnerCommand Command)> Commands => _commands;

    public void Send(RunnerId runnerId, RunnerCommand command) => _commands.Add((runnerId, command));

    public void CloseSession(RunnerId runnerId) => _closes.Add(runnerId);

    /// <summary>Whether this unit of work decided to close the runner's session (so it must not be offered anything).</summary>
    public bool IsClosing(RunnerId runnerId) => _closes.Contains(runnerId);

    /// <summary>Attempts this unit of work tells <paramref name="runnerId"/> to stop whose work had started: busy until it reports them ended.</summary>
    public IEnumerable<AttemptId> StoppingFor(RunnerId runnerId) =>
        _commands.Where(c => c.Runner == runnerId && c.Command is CancelCommand { WorkStarted: true }).Select(c => ((CancelCommand)c.Command).AttemptId);

    public void Deliver(RunnerRegistry registry)
    {
        foreach (var (runner, command) in _commands)
        {
            registry.Send(runner, command);
        }

        foreach (var runner in _closes)
        {
            registry.Close(runner);
        }
    }
}
