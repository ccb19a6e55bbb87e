namespace ControlPlane.Server.Hosting;

/// <summary>
/// How the server is reached and where it keeps its state. Bound from the <c>Server</c> section of
/// appsettings.json, then <c>CP_*</c> environment variables, then command-line flags (later wins).
/// </summary>
public sealed class ServerOptions
{
    public const string Section = "Server";

    /// <summary>Addresses to listen on, e.g. <c>http://127.0.0.1:7700</c>; an https address needs
    /// <see cref="TlsCert"/> and <see cref="TlsKey"/>. Port 0 picks a free port. Default: http://127.0.0.1:7700.</summary>
    public IList<string> Listen { get; init; } = [];

    /// <summary>
    /// Plain HTTP listeners for webhooks and <c>/metrics</c>, e.g. <c>http://127.0.0.1:7701</c>: HTTP/1.1 without TLS,
    /// HTTP/1.1 and HTTP/2 with TLS. The gRPC listeners serve the same endpoints over HTTP/2. Default: none.
    /// </summary>
    public IList<string> HttpListen { get; init; } = [];

    /// <summary>Directory holding the database and logs. Default: <c>cp-data</c> under the working directory.</summary>
    public string DataDir { get; set; } = "cp-data";

    /// <summary>PEM certificate (chain) for https listeners.</summary>
    public string? TlsCert { get; set; }

    /// <summary>PEM private key for https listeners.</summary>
    public string? TlsKey { get; set; }

    /// <summary>
    /// Development mode (<c>--dev</c>): API calls need no token (a token given is still accepted). Allowed only when
    /// every listener is a loopback address, so it cannot expose an open server to the network. Default: false.
    /// </summary>
    public bool Dev { get; set; }

    /// <summary>
    /// Serve plain http:// on a non-loopback address without the start-up warning (<c>--allow-cleartext</c>): for a
    /// network secured otherwise (a VPN, a service mesh with mutual TLS). Default: false.
    /// </summary>
    public bool AllowCleartext { get; set; }

    /// <summary>
    /// Most steps one run's plan may have, every matrix combination counted (<c>--max-steps-per-run</c>). A plan over it
    /// is refused, when it is started or applied, with INVALID_ARGUMENT naming the count. Default: 10,000.
    /// </summary>
    public int MaxStepsPerRun { get; set; } = Core.Planning.PlanLimits.DefaultMaxSteps;

    /// <summary>The plan limits these options set, for the planner.</summary>
    public Core.Planning.PlanLimits PlanLimits => new(MaxStepsPerRun, $"{Section}:{nameof(MaxStepsPerRun)}");

    /// <summary>The listen addresses in effect: the configured ones, or the loopback default.</summary>
    public IReadOnlyList<string> EffectiveListen => Listen.Count > 0 ? [.. Listen] : ["http://127.0.0.1:7700"];

    /// <summary>Every listener in effect with the flag that sets it: the gRPC ones, then the plain HTTP ones.</summary>
    public IEnumerable<(string Flag, string Address, bool Grpc)> AllListeners =>
        EffectiveListen.Select(a => ("--listen", a, true)).Concat(HttpListen.Select(a => ("--http-listen", a, false)));

    /// <summary>The listeners anyone on the network can read and alter: plain http:// on a non-loopback address.</summary>
    public IReadOnlyList<string> CleartextExposedListeners =>
        [.. AllListeners.Where(l => ListenEndpoint.TryParse(l.Address, out var endpoint, out _) && !endpoint!.UseTls && !endpoint.IsLoopback).Select(l => l.Address)];
}
