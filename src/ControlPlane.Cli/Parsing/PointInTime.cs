namespace ControlPlane.Cli.Parsing;

/// <summary>
/// <c>--since</c> and <c>--until</c> as given: an age back from the moment the command runs (<c>1h</c>, <c>2d</c>) or
/// an absolute date/time.
/// </summary>
/// <param name="Ago">The age, or null for a date.</param>
/// <param name="At">The date, or null for an age.</param>
internal sealed record PointInTime(TimeSpan? Ago, DateTimeOffset? At)
{
    /// <summary>The moment meant, seen from <paramref name="now"/>.</summary>
    public DateTimeOffset Resolve(DateTimeOffset now) => At ?? now - Ago!.Value;
}
