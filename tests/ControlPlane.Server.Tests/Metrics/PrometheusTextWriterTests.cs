using ControlPlane.Server.Metrics;
using ControlPlane.Server.Tests.Metrics.Support;

namespace ControlPlane.Server.Tests.Metrics;

public sealed class PrometheusTextWriterTests
{
    [Fact]
    public void Label_values_and_help_are_escaped_and_read_back_unchanged()
    {
        const string Awkward = "a \"quoted\" back\\slash\nnew line";
        var text = PrometheusTextWriter.Write([new MetricFamily("x_total", "counter", "help with \\ and\nnewline", [new MetricSample("x_total", [new("label", Awkward)], 3)])]);

        var family = PrometheusText.Parse(text)["x_total"];

        Assert.Equal(3, family.Value(("label", Awkward)));
        Assert.Equal("help with \\ and\nnewline", family.Help);
        Assert.DoesNotContain("\nnew line", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(2.5, "2.5")]
    [InlineData(12345678901d, "12345678901")]
    public void Values_are_written_as_Prometheus_parses_them(double value, string expected) =>
        Assert.Equal(expected, PrometheusTextWriter.Value(value));

    [Theory]
    [InlineData("controlplane.dispatch.latency", "s", false, "controlplane_dispatch_latency_seconds")]
    [InlineData("controlplane.log.ingested", "By", true, "controlplane_log_ingested_bytes_total")]
    [InlineData("controlplane.runs", "{run}", false, "controlplane_runs")]
    [InlineData("requests_total", null, true, "requests_total")]
    [InlineData("9lives-x", null, false, "_9lives_x")]
    public void Instrument_names_and_units_become_Prometheus_names(string instrument, string? unit, bool counter, string expected) =>
        Assert.Equal(expected, PrometheusNames.Family(instrument, unit, counter));
}
