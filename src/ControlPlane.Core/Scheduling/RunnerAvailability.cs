using ControlPlane.Core.Runners;

namespace ControlPlane.Core.Scheduling;

/// <summary>A connected runner as placement sees it.</summary>
/// <param name="FreeSlots">Capacity minus live (offered or running) attempts.</param>
public sealed record RunnerAvailability(RunnerId RunnerId, IReadOnlyList<string> Labels, int FreeSlots, bool Draining)
{
    public bool HasLabels(IReadOnlyList<string> required) =>
        required.All(label => Labels.Contains(label, StringComparer.OrdinalIgnoreCase));
}
