namespace ControlPlane.Docker.Containers;

/// <summary>One entry of a container listing.</summary>
public sealed record ContainerSummary
{
    public required string Id { get; init; }

    /// <summary>Names without the leading slash the API adds.</summary>
    public required IReadOnlyList<string> Names { get; init; }

    public required string Image { get; init; }

    public required ContainerStatus Status { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required IReadOnlyDictionary<string, string> Labels { get; init; }
}
