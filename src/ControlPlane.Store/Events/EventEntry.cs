using ControlPlane.Core.StateMachines;

namespace ControlPlane.Store.Events;

/// <summary>An event row to insert, with raw ids; the store stamps its sequence and time.</summary>
internal sealed record EventEntry(string Entity, string Kind)
{
    public long? RunId { get; init; }

    public long? StepId { get; init; }

    public long? AttemptId { get; init; }

    public long? RunnerId { get; init; }

    public string? FromState { get; init; }

    public string? ToState { get; init; }

    public string? DataJson { get; init; }

    /// <summary>The event of a state transition: the trigger is the kind, with both states.</summary>
    public static EventEntry Transition<TState, TTrigger>(string entity, TTrigger trigger, TState from, TState to)
        where TState : struct, Enum
        where TTrigger : struct, Enum =>
        new(entity, EnumText.ToText(trigger)) { FromState = EnumText.ToText(from), ToState = EnumText.ToText(to) };

    /// <summary>The event of an entity's creation in its first state.</summary>
    public static EventEntry Created<TState>(string entity, TState state)
        where TState : struct, Enum =>
        new(entity, "created") { ToState = EnumText.ToText(state) };
}
