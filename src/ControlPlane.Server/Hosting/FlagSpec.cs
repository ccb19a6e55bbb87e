namespace ControlPlane.Server.Hosting;

/// <summary>One command-line flag: the configuration key it sets and the environment variable that sets it too.</summary>
/// <param name="IsDuration">The value is a duration written like <c>15s</c> or <c>1m30s</c>, stored as a TimeSpan.</param>
/// <param name="IsSwitch">A flag without a value (<c>--dev</c>, or <c>--dev=false</c>); the variable is true/false/1/0.</param>
/// <param name="IsNumber">The value is a whole number.</param>
public sealed record FlagSpec(string Name, string ConfigKey, string EnvironmentVariable, string Description, bool Repeatable = false, bool IsDuration = false, bool IsSwitch = false, bool IsNumber = false);
