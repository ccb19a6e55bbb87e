using ControlPlane.Core.StateMachines;
using static ControlPlane.Core.Attempts.AttemptState;
using static ControlPlane.Core.Attempts.AttemptTrigger;

namespace ControlPlane.Core.Attempts;

/// <summary>
/// The attempt lifecycle. Everything but offered and running is terminal, with no way out: the step's next try
/// is a new attempt with a higher lease epoch.
/// </summary>
public static class AttemptStateMachine
{
    public static TransitionTable<AttemptState, AttemptTrigger> Table { get; } = new(
        entity: "attempt",
        terminal: [Succeeded, Failed, Lost, Cancelled, Rejected],
        transitions:
        [
            // The runner accepted the offer and started the work (pid or container id recorded first).
            (Offered, Start, Running),
            // The runner declined the offer.
            (Offered, Reject, Rejected),
            // The runner never answered the offer; the lease is revoked.
            (Offered, OfferExpired, Lost),
            // Setting up failed before the work started (e.g. image pull).
            (Offered, Fail, Failed),
            // The runner vanished before starting; the lease is revoked.
            (Offered, LeaseLost, Lost),
            // The run or step was cancelled before the work started.
            (Offered, Cancel, Cancelled),
            // The work finished successfully.
            (Running, Succeed, Succeeded),
            // The work failed: exit code, timeout or error (see FailureClass).
            (Running, Fail, Failed),
            // The runner stopped heartbeating past the grace period; the lease is revoked.
            (Running, LeaseLost, Lost),
            // The runner confirmed it stopped the work after a cancel.
            (Running, Cancel, Cancelled),
        ]);

    public static bool IsTerminal(AttemptState state) => Table.IsTerminal(state);

    /// <summary>Offered or running: the attempt holds a lease.</summary>
    public static bool IsLive(AttemptState state) => state is Offered or Running;

    /// <summary>Triggers that take the lease away from its holder, so the store moves the epoch on.</summary>
    public static bool RevokesLease(AttemptTrigger trigger) => trigger is LeaseLost or OfferExpired;

    /// <inheritdoc cref="TransitionTable{TState, TTrigger}.Next"/>
    public static AttemptState Next(AttemptState from, AttemptTrigger trigger) => Table.Next(from, trigger);
}
