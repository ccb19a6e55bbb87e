namespace ControlPlane.Core.Definitions;

/// <summary>
/// Runs a step once per combination of axis values. <see cref="Exclude"/> removes combinations that
/// match all of an entry's keys; then each <see cref="Include"/> entry extends every combination it
/// agrees with on the original axes, or is added as a combination of its own (GitHub Actions rules).
/// </summary>
public sealed record MatrixDefinition
{
    public IReadOnlyList<MatrixAxis> Axes { get; init; } = [];

    public IReadOnlyList<IReadOnlyDictionary<string, object>> Include { get; init; } = [];

    public IReadOnlyList<IReadOnlyDictionary<string, object>> Exclude { get; init; } = [];

    /// <summary>How many combinations may run at once; null means no limit beyond the runners available.</summary>
    public int? MaxParallel { get; init; }

    /// <summary>When one combination fails, cancel the ones not yet finished. Defaults to true.</summary>
    public bool FailFast { get; init; } = true;

    /// <summary>Every key a combination can have: the axes, then keys only include entries add.</summary>
    public IReadOnlyList<string> Keys()
    {
        var keys = Axes.Select(a => a.Name).ToList();
        foreach (var entry in Include)
        {
            keys.AddRange(entry.Keys.Where(k => !keys.Contains(k)));
        }

        return keys;
    }
}
