namespace ControlPlane.Agent.Configuration;

/// <summary>One configurable value under its three names: flag, environment variable and JSON property.</summary>
internal sealed record AgentSetting(string Flag, string EnvironmentVariable, string JsonName, string Description, Action<AgentOptions, string> Apply)
{
    /// <summary>A flag that takes no value (<c>--flag</c> alone means true).</summary>
    public bool IsSwitch { get; init; }
}
