namespace ControlPlane.Agent.State;

/// <summary>The non-secret part of the runner's registration, as stored in <c>runner.json</c>.</summary>
/// <param name="RunnerId">The id the server gave this runner when it registered.</param>
internal sealed record RunnerRecord(string RunnerId);
