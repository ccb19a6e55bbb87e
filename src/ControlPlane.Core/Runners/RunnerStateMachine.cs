using ControlPlane.Core.StateMachines;
using static ControlPlane.Core.Runners.RunnerState;
using static ControlPlane.Core.Runners.RunnerTrigger;

namespace ControlPlane.Core.Runners;

/// <summary>The runner connection lifecycle. No state is terminal: a lost runner may come back.</summary>
public static class RunnerStateMachine
{
    public static TransitionTable<RunnerState, RunnerTrigger> Table { get; } = new(
        entity: "runner",
        terminal: [],
        transitions:
        [
            // A registered runner opened a session.
            (Offline, Connect, Online),
            // A lost runner came back (its old leases are already revoked).
            (Lost, Connect, Online),
            // The runner closed its session cleanly.
            (Online, Disconnect, Offline),
            // No heartbeat within the grace period: its attempts' leases are revoked.
            (Online, HeartbeatsMissed, Lost),
        ]);

    /// <inheritdoc cref="TransitionTable{TState, TTrigger}.Next"/>
    public static RunnerState Next(RunnerState from, RunnerTrigger trigger) => Table.Next(from, trigger);
}
