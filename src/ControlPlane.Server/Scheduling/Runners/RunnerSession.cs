using System.Threading.Channels;
using ControlPlane.Core.Runners;

namespace ControlPlane.Server.Scheduling.Runners;

/// <summary>
/// One connected runner as the scheduler knows it: who it is, what it offers, and the queue of commands on their way
/// to it. The runner protocol reads <see cref="Commands"/> and writes them to the runner's stream; the queue completes
/// when the session is closed (disconnect, runner lost, or replaced by a newer session of the same runner).
/// </summary>
public sealed class RunnerSession
{
    private readonly Channel<RunnerCommand> _commands = Channel.CreateUnbounded<RunnerCommand>(new UnboundedChannelOptions { SingleReader = true });
    private volatile bool _draining;

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

    /// <returns>False when the session is closed; the command is dropped (the lease machinery covers it).</returns>
    internal bool TrySend(RunnerCommand command) => _commands.Writer.TryWrite(command);

    internal void Close() => _commands.Writer.TryComplete();
}
