using System.Diagnostics.Metrics;
using ControlPlane.Core.StateMachines;

namespace ControlPlane.Server.Metrics;

/// <summary>
/// The catalogue of the server's instruments on the <c>ControlPlane.Server</c> meter: every name, unit and description
/// in one place. Counters of transitions and the gauges read <see cref="MetricsSnapshotSource"/>; log bytes and the
/// dispatch latency are recorded where they happen.
/// </summary>
/// <remarks>The meter comes from <see cref="IMeterFactory"/>, which owns and disposes it, and whose instance tells the
/// OpenTelemetry meter provider this server's meters from those of another server in the same process (tests).</remarks>
public sealed class ServerMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "ControlPlane.Server";

    /// <summary>Meters whose names start with this are exported (e.g. <c>ControlPlane.Server.Notifications</c>).</summary>
    public const string ExportedPrefix = "ControlPlane.";

    /// <summary>Bucket bounds of the dispatch latency histogram, in seconds.</summary>
    public static readonly IReadOnlyList<double> LatencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

    private readonly Counter<long> _logBytes;
    private readonly Histogram<double> _dispatchLatency;

    public ServerMetrics(IMeterFactory meters, MetricsSnapshotSource snapshots)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        meter.CreateObservableCounter("controlplane.runs.started", () => snapshots.Current.Transitions.RunsStarted, "{run}", "Runs that went from queued to running since the server started");
        meter.CreateObservableCounter(
            "controlplane.runs.finished",
            () => snapshots.Current.Transitions.RunsFinished.Select(p => Tagged(p.Value, "state", EnumText.ToText(p.Key))),
            "{run}",
            "Runs that reached a final state since the server started, by state");
        meter.CreateObservableCounter(
            "controlplane.steps.finished",
            () => snapshots.Current.Transitions.StepsFinished.Select(p => Tagged(p.Value, "state", EnumText.ToText(p.Key))),
            "{step}",
            "Steps that reached a final state since the server started, by state");
        _logBytes = meter.CreateCounter<long>("controlplane.log.ingested", "By", "Log bytes from runners newly stored (resent bytes are not counted again)");
        _dispatchLatency = meter.CreateHistogram(
            "controlplane.dispatch.latency",
            "s",
            "Time from a step becoming ready to its attempt starting on a runner",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        meter.CreateObservableGauge(
            "controlplane.runs",
            () => snapshots.Current.RunsByState.Select(p => Tagged(p.Value, "state", EnumText.ToText(p.Key))),
            "{run}",
            "Runs in each state");
        meter.CreateObservableGauge(
            "controlplane.steps",
            () => snapshots.Current.LiveStepsByState.Select(p => Tagged(p.Value, "state", EnumText.ToText(p.Key))),
            "{step}",
            "Steps of unfinished runs in each state");
        meter.CreateObservableGauge("controlplane.queue.depth", () => snapshots.Current.ReadySteps, "{step}", "Steps ready and waiting for a runner");
        meter.CreateObservableGauge("controlplane.queue.oldest.age", () => snapshots.Current.OldestReadyAge.TotalSeconds, "s", "How long the longest-waiting ready step has waited; 0 when none waits");
        meter.CreateObservableGauge("controlplane.runners.connected", () => snapshots.Current.ConnectedRunners, "{runner}", "Runners with an open session");
        meter.CreateObservableGauge("controlplane.runners.free.slots", () => snapshots.Current.FreeSlots, "{slot}", "Attempts the connected, non-draining runners could still take");
    }

    /// <summary>Bytes of runners' logs newly stored (after their transaction committed).</summary>
    public void LogBytesIngested(long bytes)
    {
        if (bytes > 0)
        {
            _logBytes.Add(bytes);
        }
    }

    /// <summary>An attempt started <paramref name="latency"/> after its step became ready.</summary>
    public void AttemptStarted(TimeSpan latency) => _dispatchLatency.Record(Math.Max(0, latency.TotalSeconds));

    private static Measurement<long> Tagged(long value, string key, string tag) => new(value, new KeyValuePair<string, object?>(key, tag));
}
