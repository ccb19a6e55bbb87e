namespace ControlPlane.Server.Runners;

/// <summary>
/// Settings of the runner protocol, bound from the <c>Runners</c> section, <c>CP_*</c> environment variables and flags.
/// </summary>
public sealed class RunnerProtocolOptions
{
    public const string Section = "Runners";

    /// <summary>The shortest static registration token the server starts with, except in dev mode.</summary>
    public const int MinRegistrationTokenLength = 16;

    /// <summary>
    /// Static registration tokens an agent may exchange for a runner token (<c>--registration-token</c>, repeatable),
    /// each at least <see cref="MinRegistrationTokenLength"/> characters outside dev mode. Default: none, so no runner
    /// can register until one is given.
    /// </summary>
    public IList<string> RegistrationTokens { get; init; } = [];

    /// <summary>
    /// A JSON file holding an object of secret name to string value, read once at start (<c>--secrets-file</c>).
    /// Default: none, so every secret reads as an empty string.
    /// </summary>
    public string? SecretsFile { get; set; }

    /// <summary>
    /// How long a runner's stream stays open after the server, shutting down, has told the agent so: the agent ends its
    /// side within it and reads the UNAVAILABLE the stream then ends with. Default: 5 seconds.
    /// </summary>
    public TimeSpan ClosingGrace { get; set; } = TimeSpan.FromSeconds(5);
}
