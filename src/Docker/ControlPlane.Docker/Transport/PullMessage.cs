using System.Text.Json.Serialization;

namespace ControlPlane.Docker.Transport;

/// <summary>One JSON message of a pull's progress stream; unlike the rest of the API its names are lower case.</summary>
internal sealed record PullMessage(
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("progressDetail")] PullProgressDetail? ProgressDetail,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("errorDetail")] PullErrorDetail? ErrorDetail);

internal sealed record PullProgressDetail(
    [property: JsonPropertyName("current")] long? Current,
    [property: JsonPropertyName("total")] long? Total);

internal sealed record PullErrorDetail([property: JsonPropertyName("message")] string? Message);
