using System.Diagnostics.Metrics;

namespace ControlPlane.Server.Metrics;

/// <summary>What the collector keeps of one instrument between scrapes; measurements may arrive from any thread.</summary>
internal abstract class InstrumentAggregator
{
    protected InstrumentAggregator(Instrument instrument, string type, bool isCounter)
    {
        Instrument = instrument;
        Type = type;
        Name = PrometheusNames.Family(instrument.Name, instrument.Unit, isCounter);
    }

    public Instrument Instrument { get; }

    /// <summary>The Prometheus family name.</summary>
    public string Name { get; }

    /// <summary><c>counter</c>, <c>gauge</c> or <c>histogram</c>.</summary>
    public string Type { get; }

    protected object Gate { get; } = new();

    /// <summary>The aggregator for an instrument's kind: sums for counters, last values for observables, buckets for histograms.</summary>
    public static InstrumentAggregator For(Instrument instrument)
    {
        var kind = instrument.GetType().IsGenericType ? instrument.GetType().GetGenericTypeDefinition() : instrument.GetType();
        return kind switch
        {
            _ when kind == typeof(Counter<>) => new SumAggregator(instrument, "counter", isCounter: true),
            _ when kind == typeof(UpDownCounter<>) => new SumAggregator(instrument, "gauge", isCounter: false),
            _ when kind == typeof(Histogram<>) => new HistogramAggregator(instrument),
            _ when kind == typeof(ObservableCounter<>) => new LastValueAggregator(instrument, "counter", isCounter: true),
            _ => new LastValueAggregator(instrument, "gauge", isCounter: false),
        };
    }

    public abstract void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags);

    /// <summary>Called before observable instruments are asked for their values.</summary>
    public virtual void BeginCollection()
    {
    }

    /// <summary>The samples as they stand now.</summary>
    public abstract IReadOnlyList<MetricSample> Samples();
}
