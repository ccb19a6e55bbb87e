namespace ControlPlane.Core.Runners;

/// <summary>A registered runner as stored (its token hash is only ever used for lookup, never returned).</summary>
/// <param name="Capacity">How many attempts it runs at once.</param>
/// <param name="Draining">When set, it finishes what it has and is offered nothing new.</param>
public sealed record RunnerRecord(
    RunnerId Id,
    string Name,
    IReadOnlyList<string> Labels,
    int Capacity,
    RunnerState State,
    bool Draining,
    DateTimeOffset? LastHeartbeatAt,
    DateTimeOffset RegisteredAt);
