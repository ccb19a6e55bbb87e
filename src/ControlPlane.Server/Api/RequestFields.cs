using ControlPlane.Core.Runs;
using ControlPlane.Core.Workflows;

namespace ControlPlane.Server.Api;

/// <summary>Checks of request fields shared by the services; each failure names the field.</summary>
internal static class RequestFields
{
    /// <exception cref="ApiArgumentException">The value is empty.</exception>
    public static string Required(string value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new ApiArgumentException(field, "is required") : value;

    /// <exception cref="ApiArgumentException">The id is not positive.</exception>
    public static RunId RunId(long value, string field = "run_id") =>
        value > 0 ? new RunId(value) : throw new ApiArgumentException(field, $"must be a run id (a positive number), not {value}");

    /// <summary>0 means "the latest".</summary>
    /// <exception cref="ApiArgumentException">The id is negative.</exception>
    public static WorkflowRevisionId? OptionalRevision(long value, string field = "revision_id") => value switch
    {
        0 => null,
        > 0 => new WorkflowRevisionId(value),
        _ => throw new ApiArgumentException(field, $"must be a revision id or 0 for the latest, not {value}"),
    };

    /// <exception cref="ApiArgumentException">The value is negative.</exception>
    public static long NotNegative(long value, string field) =>
        value >= 0 ? value : throw new ApiArgumentException(field, $"must not be negative, not {value}");
}
