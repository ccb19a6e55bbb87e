namespace ControlPlane.Server.Hosting;

/// <summary>One command-line flag: the configuration key it sets and the environment variable that sets it too.</summary>
/// <param name="IsDuration">The value is a duration written like <c>15s</c> or <c>1m30s</c>, stored as a TimeSpan.</param>
public sealed record FlagSpec(string Name, string ConfigKey, string EnvironmentVariable, string Description, bool Repeatable = false, bool IsDuration = false);
