using System.Diagnostics.Metrics;
using System.Globalization;

namespace ControlPlane.Server.Metrics;

/// <summary>
/// Histograms: per tag set, a count per bucket, the sum and the count. Bounds come from the instrument's advice, else
/// the OpenTelemetry defaults. Exposed as cumulative <c>_bucket{le=...}</c> lines ending with <c>+Inf</c>.
/// </summary>
internal sealed class HistogramAggregator : InstrumentAggregator
{
    private static readonly double[] DefaultBounds = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    private readonly double[] _bounds;
    private readonly Dictionary<string, Buckets> _series = [];

    public HistogramAggregator(Instrument instrument)
        : base(instrument, "histogram", isCounter: false)
    {
        var advised = instrument switch
        {
            Histogram<double> d => d.Advice?.HistogramBucketBoundaries,
            _ => null,
        };
        _bounds = advised is { Count: > 0 } ? [.. advised.Order()] : DefaultBounds;
    }

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var set = TagSet.From(tags);
        var index = Array.FindIndex(_bounds, b => value <= b);
        lock (Gate)
        {
            if (!_series.TryGetValue(set.Key, out var buckets))
            {
                buckets = new Buckets(set, new long[_bounds.Length + 1]);
                _series[set.Key] = buckets;
            }

            buckets.Counts[index < 0 ? _bounds.Length : index]++;
            buckets.Sum += value;
            buckets.Count++;
        }
    }

    public override IReadOnlyList<MetricSample> Samples()
    {
        var samples = new List<MetricSample>();
        lock (Gate)
        {
            foreach (var series in _series.Values)
            {
                var cumulative = 0L;
                for (var i = 0; i <= _bounds.Length; i++)
                {
                    cumulative += series.Counts[i];
                    var le = i < _bounds.Length ? _bounds[i].ToString("R", CultureInfo.InvariantCulture) : "+Inf";
                    samples.Add(new MetricSample(Name + "_bucket", [.. series.Tags.Labels, new("le", le)], cumulative));
                }

                samples.Add(new MetricSample(Name + "_sum", series.Tags.Labels, series.Sum));
                samples.Add(new MetricSample(Name + "_count", series.Tags.Labels, series.Count));
            }
        }

        return samples;
    }

    private sealed class Buckets(TagSet tags, long[] counts)
    {
        public TagSet Tags { get; } = tags;

        public long[] Counts { get; } = counts;

        public double Sum { get; set; }

        public long Count { get; set; }
    }
}
