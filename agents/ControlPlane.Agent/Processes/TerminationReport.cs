using ControlPlane.Agent.Native;

namespace ControlPlane.Agent.Processes;

/// <summary>What stopping a process group took.</summary>
/// <param name="SignalsSent">The signals sent, in order (empty when the group was already gone).</param>
/// <param name="ProcessesFound">How many live processes the group had when the first signal went out.</param>
/// <param name="Survivors">Pids still alive after <see cref="ProcessTerminationOptions.KillTimeout"/>; normally empty.</param>
public sealed record TerminationReport(IReadOnlyList<UnixSignal> SignalsSent, int ProcessesFound, IReadOnlyList<int> Survivors)
{
    /// <summary>Nothing was alive, nothing was sent.</summary>
    public static TerminationReport NothingToStop { get; } = new([], 0, []);

    public bool GroupGone => Survivors.Count == 0;
}
