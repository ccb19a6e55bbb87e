using System.Collections.Frozen;

namespace ControlPlane.Core.StateMachines;

/// <summary>
/// A state machine as data: every legal (from state, trigger) pair and the state it leads to. A pair missing from
/// the table is illegal and throws <see cref="IllegalTransitionException"/>; nothing is ever a silent no-op.
/// </summary>
/// <remarks>
/// Terminal states are declared, not inferred: a terminal entity is finished, and the only ways out of a terminal
/// state are explicit operator triggers (a run's Retry, a step's Reset), which the tables list like any other row.
/// </remarks>
public sealed class TransitionTable<TState, TTrigger>
    where TState : struct, Enum
    where TTrigger : struct, Enum
{
    private readonly FrozenDictionary<(TState From, TTrigger Trigger), TState> _next;
    private readonly FrozenSet<TState> _terminal;

    public TransitionTable(string entity, IEnumerable<TState> terminal, IEnumerable<(TState From, TTrigger Trigger, TState To)> transitions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entity);
        Entity = entity;
        _terminal = terminal.ToFrozenSet();

        var next = new Dictionary<(TState, TTrigger), TState>();
        var rows = new List<Transition<TState, TTrigger>>();
        foreach (var (from, trigger, to) in transitions)
        {
            if (!next.TryAdd((from, trigger), to))
            {
                throw new ArgumentException($"The {entity} table lists ({from}, {trigger}) twice.", nameof(transitions));
            }

            rows.Add(new Transition<TState, TTrigger>(from, trigger, to));
        }

        _next = next.ToFrozenDictionary();
        Transitions = rows;
    }

    /// <summary>What the table governs ("run", "step", ...), used in error messages and events.</summary>
    public string Entity { get; }

    /// <summary>Every legal transition, in the order the table lists them.</summary>
    public IReadOnlyList<Transition<TState, TTrigger>> Transitions { get; }

    public IReadOnlySet<TState> TerminalStates => _terminal;

    /// <summary>True when the entity is finished; see the class remarks for the operator triggers that reopen it.</summary>
    public bool IsTerminal(TState state) => _terminal.Contains(state);

    public bool IsLegal(TState from, TTrigger trigger) => _next.ContainsKey((from, trigger));

    public bool TryNext(TState from, TTrigger trigger, out TState to) => _next.TryGetValue((from, trigger), out to);

    /// <summary>The state <paramref name="trigger"/> leads to from <paramref name="from"/>.</summary>
    /// <exception cref="IllegalTransitionException">The table has no such row.</exception>
    public TState Next(TState from, TTrigger trigger) =>
        TryNext(from, trigger, out var to)
            ? to
            : throw new IllegalTransitionException(Entity, EnumText.ToText(from), EnumText.ToText(trigger));

    /// <summary>The triggers that are legal in <paramref name="from"/>.</summary>
    public IEnumerable<TTrigger> TriggersFrom(TState from) =>
        Transitions.Where(t => EqualityComparer<TState>.Default.Equals(t.From, from)).Select(t => t.Trigger);
}
