namespace ControlPlane.Core.Runners;

/// <summary>A runner to register, created offline. <paramref name="TokenHash"/> comes from <see cref="RunnerTokens"/>; the token itself is never stored.</summary>
public sealed record NewRunner(string Name, byte[] TokenHash, IReadOnlyList<string> Labels, int Capacity);
