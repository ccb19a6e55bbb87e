using System.Text;

namespace ControlPlane.Server.Metrics;

/// <summary>Instrument names and units as Prometheus names: <c>controlplane.dispatch.latency</c> in <c>s</c> is <c>controlplane_dispatch_latency_seconds</c>.</summary>
public static class PrometheusNames
{
    /// <summary>The family name of an instrument; counters end in <c>_total</c>.</summary>
    public static string Family(string instrumentName, string? unit, bool isCounter)
    {
        var name = Sanitize(instrumentName, allowColon: true);
        var suffix = Unit(unit);
        if (suffix.Length > 0 && !name.EndsWith("_" + suffix, StringComparison.Ordinal))
        {
            name += "_" + suffix;
        }

        return isCounter && !name.EndsWith("_total", StringComparison.Ordinal) ? name + "_total" : name;
    }

    /// <summary>A tag name as a label name: <c>[a-zA-Z_][a-zA-Z0-9_]*</c>.</summary>
    public static string Label(string tagName) => Sanitize(tagName, allowColon: false);

    private static string Unit(string? unit) => unit switch
    {
        null or "" or "1" => string.Empty,
        "s" => "seconds",
        "ms" => "milliseconds",
        "By" => "bytes",
        _ when unit.StartsWith('{') => string.Empty,
        _ => Sanitize(unit, allowColon: false),
    };

    private static string Sanitize(string text, bool allowColon)
    {
        var name = new StringBuilder(text.Length + 1);
        foreach (var c in text)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':') ? c : '_');
        }

        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            name.Insert(0, '_');
        }

        return name.ToString();
    }
}
