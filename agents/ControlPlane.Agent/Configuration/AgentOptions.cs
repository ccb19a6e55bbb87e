namespace ControlPlane.Agent.Configuration;

/// <summary>
/// How the agent is configured: from a JSON file (<c>--config</c>), <c>CP_*</c> environment variables and flags, later
/// sources winning. See <see cref="AgentConfiguration"/> for the names.
/// </summary>
public sealed class AgentOptions
{
    /// <summary>The control plane, e.g. <c>http://ci.example.com:7700</c> or an https:// address.</summary>
    public string Server { get; set; } = "";

    /// <summary>
    /// Needed only until the agent has registered; its runner id and token are then kept in <see cref="StateDir"/>. Set
    /// from <see cref="RegistrationTokenFile"/> when that is given; best given through a file or the environment, since
    /// a command line is readable by every process on the machine.
    /// </summary>
    public string? RegistrationToken { get; set; }

    /// <summary>A file holding the registration token (one line); read at start into <see cref="RegistrationToken"/>.</summary>
    public string? RegistrationTokenFile { get; set; }

    /// <summary>
    /// The unprivileged user (name or uid) shell steps run as; null runs them as the agent's own user. Needs the agent
    /// to run as root.
    /// </summary>
    public string? StepUser { get; set; }

    /// <summary><see cref="StepUser"/> looked up in the user database; set by validation.</summary>
    public Executors.StepUser? StepAccount { get; internal set; }

    /// <summary>The runner's unique name. Default: the host name.</summary>
    public string Name { get; set; } = Environment.MachineName;

    /// <summary>Labels steps can ask for with <c>runs_on</c>.</summary>
    public IReadOnlyList<string> Labels { get; set; } = [];

    /// <summary>How many attempts run at once. Default: 1.</summary>
    public int Capacity { get; set; } = 1;

    /// <summary>Per-attempt workspaces live here. Default: <c>./cp-work</c>.</summary>
    public string WorkDir { get; set; } = "cp-work";

    /// <summary>Runner id and token, attempts in flight and their log spools (owner-only). Default: <c>./cp-state</c>.</summary>
    public string StateDir { get; set; } = "cp-state";

    /// <summary>PEM file of the CA that signed the server's certificate, for https servers with a private CA.</summary>
    public string? CaCertificate { get; set; }

    /// <summary>Skips TLS certificate validation: for development only.</summary>
    public bool InsecureSkipTlsVerify { get; set; }

    /// <summary>
    /// Connect to a plain http:// server on another host without the start-up warning: for a network secured otherwise
    /// (a VPN, a service mesh with mutual TLS). Default: false.
    /// </summary>
    public bool AllowCleartext { get; set; }

    /// <summary>True when the server address is plain http:// to another host: the runner token and every step travel in cleartext.</summary>
    public bool IsCleartextToRemote =>
        Uri.TryCreate(Server, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback;

    /// <summary>How long a cancelled step gets after SIGINT, and again after SIGTERM, before SIGKILL. Default: 10 s.</summary>
    public TimeSpan CancelGrace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>First delay before reconnecting; doubles up to <see cref="ReconnectMaxDelay"/>, with full jitter. Default: 0.5 s.</summary>
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest delay between reconnect attempts. Default: 30 s.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Network of docker step containers: bridge (default), host, none or a network name.</summary>
    public string DockerNetwork { get; set; } = "bridge";

    /// <summary>Trace, Debug, Information, Warning or Error. Default: Information.</summary>
    public string LogLevel { get; set; } = "Information";

    /// <summary>console or json. Default: console.</summary>
    public string LogFormat { get; set; } = "console";
}
