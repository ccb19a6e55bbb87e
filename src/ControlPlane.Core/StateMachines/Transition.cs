namespace ControlPlane.Core.StateMachines;

/// <summary>One row of a <see cref="TransitionTable{TState, TTrigger}"/>: in state <see cref="From"/>, <see cref="Trigger"/> leads to <see cref="To"/>.</summary>
public readonly record struct Transition<TState, TTrigger>(TState From, TTrigger Trigger, TState To)
    where TState : struct, Enum
    where TTrigger : struct, Enum;
