namespace ControlPlane.Core.Definitions;

/// <summary>Limits how many runs sharing a key (for example one per target environment) run at once.</summary>
/// <param name="Key">A template evaluated with <c>inputs</c>, e.g. <c>deploy-${{ inputs.environment }}</c>.</param>
/// <param name="Limit">How many runs with the same key may be active; at least 1.</param>
public sealed record ConcurrencyPolicy(string Key, int Limit, ConflictBehavior OnConflict);
