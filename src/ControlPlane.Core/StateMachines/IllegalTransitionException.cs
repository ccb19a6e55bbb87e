namespace ControlPlane.Core.StateMachines;

/// <summary>
/// A trigger was applied in a state whose transition table has no row for it. This is a logic error in the caller
/// (or a stale view of the entity), never something to swallow.
/// </summary>
public sealed class IllegalTransitionException : InvalidOperationException
{
    public IllegalTransitionException(string entity, string from, string trigger)
        : base($"A {entity} in state '{from}' cannot take trigger '{trigger}'.")
    {
        Entity = entity;
        From = from;
        Trigger = trigger;
    }

    /// <summary>"run", "step", "attempt" or "runner".</summary>
    public string Entity { get; }

    /// <summary>The state's stored name, e.g. <c>waiting_for_retry</c>.</summary>
    public string From { get; }

    /// <summary>The trigger's name, e.g. <c>offer_expired</c>.</summary>
    public string Trigger { get; }
}
