namespace ControlPlane.Server.Hosting;

/// <summary>One command-line flag: the configuration key it sets and the environment variable that sets it too.</summary>
public sealed record FlagSpec(string Name, string ConfigKey, string EnvironmentVariable, string Description, bool Repeatable = false);
