using System.Diagnostics.Metrics;

namespace ControlPlane.Server.Metrics;

/// <summary>Counters and up-down counters: the running sum of every measurement, per tag set.</summary>
internal sealed class SumAggregator : InstrumentAggregator
{
    private readonly Dictionary<string, (TagSet Tags, double Sum)> _sums = [];

    public SumAggregator(Instrument instrument, string type, bool isCounter)
        : base(instrument, type, isCounter)
    {
    }

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var set = TagSet.From(tags);
        lock (Gate)
        {
            _sums[set.Key] = (set, (_sums.TryGetValue(set.Key, out var current) ? current.Sum : 0) + value);
        }
    }

    public override IReadOnlyList<MetricSample> Samples()
    {
        lock (Gate)
        {
            return [.. _sums.Values.Select(s => new MetricSample(Name, s.Tags.Labels, s.Sum))];
        }
    }
}
