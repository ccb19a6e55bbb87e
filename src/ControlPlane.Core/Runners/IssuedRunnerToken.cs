namespace ControlPlane.Core.Runners;

/// <summary>A freshly issued runner token: <see cref="Token"/> goes to the runner once, <see cref="Hash"/> to the store.</summary>
public sealed record IssuedRunnerToken(string Token, byte[] Hash);
