using System.Globalization;

namespace ControlPlane.Server.Metrics;

/// <summary>A measurement's tags as label pairs, sorted by name, with a key that identifies the set.</summary>
internal sealed class TagSet
{
    private TagSet(IReadOnlyList<KeyValuePair<string, string>> labels, string key)
    {
        Labels = labels;
        Key = key;
    }

    public IReadOnlyList<KeyValuePair<string, string>> Labels { get; }

    public string Key { get; }

    public static TagSet From(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length == 0)
        {
            return new TagSet([], string.Empty);
        }

        var labels = new List<KeyValuePair<string, string>>(tags.Length);
        foreach (var tag in tags)
        {
            var value = tag.Value switch
            {
                null => string.Empty,
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                var other => other.ToString() ?? string.Empty,
            };
            labels.Add(new(PrometheusNames.Label(tag.Key), value));
        }

        labels.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return new TagSet(labels, string.Join('\u0001', labels.Select(l => l.Key + '\u0002' + l.Value)));
    }
}
