namespace ControlPlane.Agent.Configuration;

/// <summary>One configurable value under its three names: flag, environment variable and JSON property.</summary>
/// <param name="Apply">Sets the value from its text; the third argument names the setting as the user wrote it, for errors.</param>
internal sealed record AgentSetting(string Flag, string EnvironmentVariable, string JsonName, string Description, Action<AgentOptions, string, string> Apply)
{
    /// <summary>A list: the flag may be repeated, and every level takes comma-separated items too.</summary>
    public bool Repeatable { get; init; }

    /// <summary>A flag that takes no value (<c>--flag</c> alone means true).</summary>
    public bool IsSwitch { get; init; }

    /// <summary>A secret: given as a flag it sits in the command line, which every process on the machine can read.</summary>
    public string? FlagWarning { get; init; }
}
