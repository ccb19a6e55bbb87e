using System.Diagnostics.Metrics;

namespace ControlPlane.Server.Metrics;

/// <summary>Observable instruments (and gauges): the value each tag set reported in the current collection.</summary>
internal sealed class LastValueAggregator : InstrumentAggregator
{
    private readonly Dictionary<string, (TagSet Tags, double Value)> _values = [];

    public LastValueAggregator(Instrument instrument, string type, bool isCounter)
        : base(instrument, type, isCounter)
    {
    }

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var set = TagSet.From(tags);
        lock (Gate)
        {
            _values[set.Key] = (set, value);
        }
    }

    /// <summary>Observables report afresh in every collection; a tag set they no longer report disappears.</summary>
    public override void BeginCollection()
    {
        if (Instrument.IsObservable)
        {
            lock (Gate)
            {
                _values.Clear();
            }
        }
    }

    public override IReadOnlyList<MetricSample> Samples()
    {
        lock (Gate)
        {
            return [.. _values.Values.Select(v => new MetricSample(Name, v.Tags.Labels, v.Value))];
        }
    }
}
