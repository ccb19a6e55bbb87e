namespace ControlPlane.Core.Definitions;

/// <summary>One set of matrix values, in axis order followed by keys added by include entries.</summary>
public sealed record MatrixCombination(IReadOnlyList<KeyValuePair<string, object>> Values)
{
    public object? this[string key] => Values.FirstOrDefault(v => v.Key == key).Value;

    public bool Contains(string key) => Values.Any(v => v.Key == key);
}
