using ControlPlane.Agent.Attempts;

namespace ControlPlane.Agent.Executors.Http;

/// <summary>One attempt of an http step: a single request whose status decides the outcome.</summary>
/// <param name="Attempt">Which run, step and attempt.</param>
/// <param name="Method">HTTP method, e.g. <c>GET</c>; empty means GET.</param>
/// <param name="Url">Absolute http or https URL.</param>
public sealed record HttpStep(AttemptKey Attempt, string Method, string Url)
{
    /// <summary>Request headers; content headers (<c>Content-Type</c>, ...) go on the body.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>The request body, sent as UTF-8; null or empty for none.</summary>
    public string? Body { get; init; }

    /// <summary>Statuses that count as success; empty for any 2xx.</summary>
    public IReadOnlyList<int> ExpectedStatuses { get; init; } = [];

    /// <summary>Limit for the request (until the response headers arrive); null for the step timeout alone.</summary>
    public TimeSpan? RequestTimeout { get; init; }

    /// <summary>Limit for the whole step, body included; null for no limit.</summary>
    public TimeSpan? Timeout { get; init; }
}
