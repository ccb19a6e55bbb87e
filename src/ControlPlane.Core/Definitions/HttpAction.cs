namespace ControlPlane.Core.Definitions;

/// <summary>An HTTP request that succeeds when the response status is one of the expected codes.</summary>
public sealed record HttpAction : StepAction
{
    public override string Kind => "http";

    public string Method { get; init; } = "GET";

    /// <summary>An absolute http(s) URL template; may hold <c>${{ }}</c>.</summary>
    public required string Url { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public string? Body { get; init; }

    /// <summary>Accepted status codes; empty means any 2xx.</summary>
    public IReadOnlyList<int> ExpectedStatus { get; init; } = [];

    /// <summary>Timeout of one request; the step timeout still bounds all attempts.</summary>
    public TimeSpan? RequestTimeout { get; init; }
}
