using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace ControlPlane.Server.Metrics;

/// <summary>
/// Listens to every instrument of this server's meters whose name starts with <see cref="ServerMetrics.ExportedPrefix"/>
/// and aggregates them for <c>/metrics</c>. A meter belongs to this server when this server's
/// <see cref="IMeterFactory"/> made it; a meter made with <c>new Meter(...)</c> has no owner and is exported too.
/// </summary>
public sealed class PrometheusCollector : IDisposable
{
    private readonly IMeterFactory _meters;
    private readonly MeterListener _listener;
    private readonly ConcurrentDictionary<Instrument, InstrumentAggregator> _instruments = new();
    private readonly Lock _collecting = new();

    public PrometheusCollector(IMeterFactory meters)
    {
        _meters = meters;
        _listener = new MeterListener
        {
            InstrumentPublished = Publish,
            MeasurementsCompleted = (instrument, _) => _instruments.TryRemove(instrument, out InstrumentAggregator? _),
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, state) => ((InstrumentAggregator)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>((_, value, tags, state) => ((InstrumentAggregator)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>((_, value, tags, state) => ((InstrumentAggregator)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<float>((_, value, tags, state) => ((InstrumentAggregator)state!).Record(value, tags));
        _listener.Start();
    }

    /// <summary>Asks the observable instruments for their values and returns every family, sorted by name.</summary>
    public IReadOnlyList<MetricFamily> Collect()
    {
        lock (_collecting)
        {
            var aggregators = _instruments.Values.ToList();
            foreach (var aggregator in aggregators)
            {
                aggregator.BeginCollection();
            }

            _listener.RecordObservableInstruments();

            // Two meters may use one name; the first instrument's type and help describe the family.
            return [.. aggregators
                .GroupBy(a => a.Name, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g =>
                {
                    var first = g.First();
                    var samples = g.Where(a => a.Type == first.Type).SelectMany(a => a.Samples()).ToList();
                    return new MetricFamily(g.Key, first.Type, first.Instrument.Description ?? g.Key, samples);
                })];
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Publish(Instrument instrument, MeterListener listener)
    {
        var meter = instrument.Meter;
        if (!meter.Name.StartsWith(ServerMetrics.ExportedPrefix, StringComparison.Ordinal) || (meter.Scope is not null && !ReferenceEquals(meter.Scope, _meters)))
        {
            return;
        }

        var aggregator = InstrumentAggregator.For(instrument);
        _instruments[instrument] = aggregator;
        listener.EnableMeasurementEvents(instrument, aggregator);
    }
}
