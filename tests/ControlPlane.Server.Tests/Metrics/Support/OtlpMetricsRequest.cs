using System.Text;
using Google.Protobuf;

namespace ControlPlane.Server.Tests.Metrics.Support;

/// <summary>
/// Reads an OTLP <c>ExportMetricsServiceRequest</c> (opentelemetry-proto, metrics v1) from its protobuf bytes by field
/// number, written from the proto's field numbers: no package with the OTLP message types is available here. Fields the
/// tests do not need are skipped; a malformed body throws.
/// </summary>
internal static class OtlpMetricsRequest
{
    public static IReadOnlyList<OtlpMetric> Parse(byte[] body)
    {
        var metrics = new List<OtlpMetric>();
        foreach (var resourceMetrics in Messages(body, 1))
        {
            foreach (var scopeMetrics in Messages(resourceMetrics, 2))
            {
                var scope = Messages(scopeMetrics, 1).Select(s => Text(s, 1)).SingleOrDefault() ?? string.Empty;
                metrics.AddRange(Messages(scopeMetrics, 2).Select(m => Metric(scope, m)));
            }
        }

        return metrics;
    }

    private static OtlpMetric Metric(string scope, byte[] metric)
    {
        var name = Text(metric, 1) ?? string.Empty;
        var unit = Text(metric, 3) ?? string.Empty;
        if (Messages(metric, 5).SingleOrDefault() is { } gauge)
        {
            return new OtlpMetric(scope, name, unit, "gauge", false, [.. Messages(gauge, 1).Select(NumberPoint)]);
        }

        if (Messages(metric, 7).SingleOrDefault() is { } sum)
        {
            var monotonic = Fields(sum).Any(f => f.Number == 3 && f.Value is ulong and not 0);
            return new OtlpMetric(scope, name, unit, "sum", monotonic, [.. Messages(sum, 1).Select(NumberPoint)]);
        }

        return Messages(metric, 9).SingleOrDefault() is { } histogram
            ? new OtlpMetric(scope, name, unit, "histogram", false, [.. Messages(histogram, 1).Select(HistogramPoint)])
            : new OtlpMetric(scope, name, unit, "other", false, []);
    }

    /// <summary>NumberDataPoint: as_double = 4 (double), as_int = 6 (sfixed64), attributes = 7.</summary>
    private static OtlpPoint NumberPoint(byte[] point)
    {
        var fields = Fields(point);
        var value = fields.Single(f => f.Number is 4 or 6);
        return new OtlpPoint(Attributes(point), value.Number == 4 ? BitConverter.UInt64BitsToDouble((ulong)value.Value) : (long)(ulong)value.Value, 0);
    }

    /// <summary>HistogramDataPoint: count = 4 (fixed64), sum = 5 (double), attributes = 9.</summary>
    private static OtlpPoint HistogramPoint(byte[] point)
    {
        var fields = Fields(point);
        var count = (long)(ulong)fields.Single(f => f.Number == 4).Value;
        var sum = BitConverter.UInt64BitsToDouble((ulong)fields.Single(f => f.Number == 5).Value);
        return new OtlpPoint(Attributes(point, field: 9), sum, count);
    }

    /// <summary>KeyValue: key = 1, value = 2 (AnyValue: string_value = 1, int_value = 3).</summary>
    private static Dictionary<string, string> Attributes(byte[] point, int field = 7) =>
        Messages(point, field).ToDictionary(
            kv => Text(kv, 1) ?? string.Empty,
            kv => Messages(kv, 2).Select(v => Text(v, 1) ?? Fields(v).Where(f => f.Number == 3).Select(f => ((long)(ulong)f.Value).ToString(System.Globalization.CultureInfo.InvariantCulture)).SingleOrDefault()).SingleOrDefault() ?? string.Empty,
            StringComparer.Ordinal);

    private static IEnumerable<byte[]> Messages(byte[] message, int field) =>
        Fields(message).Where(f => f.Number == field && f.Value is byte[]).Select(f => (byte[])f.Value);

    private static string? Text(byte[] message, int field) => Messages(message, field).Select(b => Encoding.UTF8.GetString(b)).LastOrDefault();

    private static List<(int Number, object Value)> Fields(byte[] message)
    {
        var fields = new List<(int, object)>();
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            var number = WireFormat.GetTagFieldNumber(tag);
            object value = WireFormat.GetTagWireType(tag) switch
            {
                WireFormat.WireType.Varint => input.ReadUInt64(),
                WireFormat.WireType.Fixed64 => input.ReadFixed64(),
                WireFormat.WireType.Fixed32 => (ulong)input.ReadFixed32(),
                WireFormat.WireType.LengthDelimited => input.ReadBytes().ToByteArray(),
                var other => throw new FormatException($"unexpected wire type {other} for field {number}"),
            };
            fields.Add((number, value));
        }

        return fields;
    }
}

/// <summary>One metric of an export: its scope (meter), name, unit, kind (<c>gauge</c>, <c>sum</c>, <c>histogram</c>).</summary>
internal sealed record OtlpMetric(string Scope, string Name, string Unit, string Kind, bool Monotonic, IReadOnlyList<OtlpPoint> Points);

/// <summary>A data point: its attributes and value (for a histogram, the sum, with the count).</summary>
internal sealed record OtlpPoint(IReadOnlyDictionary<string, string> Attributes, double Value, long Count);
