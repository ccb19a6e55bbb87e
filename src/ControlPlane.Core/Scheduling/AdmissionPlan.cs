using ControlPlane.Core.Runs;

namespace ControlPlane.Core.Scheduling;

/// <summary>What to do with the queued runs: start some, keep some waiting (with the reason), cancel some.</summary>
/// <param name="CancelQueued">Queued runs superseded under <c>cancel_older</c> before they started.</param>
/// <param name="CancelActive">Running runs superseded under <c>cancel_older</c>, oldest first.</param>
public sealed record AdmissionPlan(
    IReadOnlyList<RunId> Start,
    IReadOnlyDictionary<RunId, string> Waiting,
    IReadOnlyList<RunId> CancelQueued,
    IReadOnlyList<RunId> CancelActive);
