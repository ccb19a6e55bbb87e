using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ControlPlane.Server.Tests.Metrics.Support;

/// <summary>
/// A strict parser of the Prometheus text format 0.0.4, written from the format's description: every line must be a
/// HELP, a TYPE or a sample; each family has one HELP and one TYPE (in either order) before its samples; names and
/// labels are valid; counters end in <c>_total</c>; histograms have cumulative buckets in increasing <c>le</c> order ending with
/// <c>+Inf</c>, which equals <c>_count</c>. Any violation throws, naming the line.
/// </summary>
internal static partial class PrometheusText
{
    public static IReadOnlyDictionary<string, ParsedFamily> Parse(string text)
    {
        if (!text.EndsWith('\n'))
        {
            throw new FormatException("the exposition must end with a newline");
        }

        var families = new Dictionary<string, ParsedFamily>(StringComparer.Ordinal);
        var lines = text[..^1].Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var where = $"line {i + 1} '{line}'";
            if (line.StartsWith("# HELP ", StringComparison.Ordinal))
            {
                var (name, help) = SplitOnce(line["# HELP ".Length..], where);
                var family = Declared(families, name, where);
                Require(family.Help is null, where, "a second HELP for the family");
                families[name] = family with { Help = Unescape(help, inLabel: false, where) };
            }
            else if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var (name, type) = SplitOnce(line["# TYPE ".Length..], where);
                var family = Declared(families, name, where);
                Require(family.Type is null, where, "a second TYPE for the family");
                Require(type is "counter" or "gauge" or "histogram" or "summary" or "untyped", where, "unknown type");
                Require(type != "counter" || name.EndsWith("_total", StringComparison.Ordinal), where, "a counter must end in _total");
                families[name] = family with { Type = type };
            }
            else
            {
                Require(!line.StartsWith('#') && line.Length > 0, where, "neither HELP, TYPE nor a sample");
                var sample = ParseSample(line, where);
                var family = families.Values.SingleOrDefault(f => BelongsTo(sample.Name, f))
                    ?? throw new FormatException($"{where}: sample of no declared family");
                Require(family.Type is not null && family.Help is not null, where, "sample before its TYPE and HELP");
                family.Samples.Add(sample);
            }
        }

        foreach (var family in families.Values)
        {
            Require(family.Type is not null, family.Name, "family without TYPE");
            Require(family.Help is not null, family.Name, "family without HELP");
            if (family.Type == "histogram")
            {
                CheckHistogram(family);
            }
        }

        return families;
    }

    /// <summary>The family a HELP or TYPE line names (either may come first), which must not have samples yet.</summary>
    private static ParsedFamily Declared(Dictionary<string, ParsedFamily> families, string name, string where)
    {
        Require(MetricName().IsMatch(name), where, "invalid metric name");
        if (!families.TryGetValue(name, out var family))
        {
            family = new ParsedFamily(name, null, null);
            families[name] = family;
        }

        Require(family.Samples.Count == 0, where, "HELP or TYPE after the family's samples");
        return family;
    }

    private static bool BelongsTo(string sampleName, ParsedFamily family) => family.Type == "histogram"
        ? sampleName == family.Name + "_bucket" || sampleName == family.Name + "_sum" || sampleName == family.Name + "_count"
        : sampleName == family.Name;

    private static ParsedSample ParseSample(string line, string where)
    {
        var match = SampleLine().Match(line);
        Require(match.Success, where, "not NAME{LABELS} VALUE");
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var body = match.Groups["labels"].Value;
        var position = 0;
        while (position < body.Length)
        {
            var label = LabelStart().Match(body, position);
            Require(label.Success && label.Index == position, where, "invalid label name");
            position += label.Length;
            var value = new StringBuilder();
            while (true)
            {
                Require(position < body.Length, where, "unterminated label value");
                var c = body[position++];
                if (c == '"')
                {
                    break;
                }

                if (c == '\\')
                {
                    Require(position < body.Length, where, "dangling escape");
                    var escaped = body[position++];
                    value.Append(escaped switch
                    {
                        '\\' => '\\',
                        '"' => '"',
                        'n' => '\n',
                        _ => throw new FormatException($"{where}: invalid escape \\{escaped}"),
                    });
                }
                else
                {
                    Require(c != '\n', where, "raw newline in a label value");
                    value.Append(c);
                }
            }

            Require(labels.TryAdd(label.Groups["name"].Value, value.ToString()), where, "a label twice");
            if (position < body.Length)
            {
                Require(body[position] == ',', where, "labels must be separated by commas");
                position++;
            }
        }

        return new ParsedSample(match.Groups["name"].Value, labels, ParseValue(match.Groups["value"].Value, where));
    }

    private static double ParseValue(string text, string where) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : throw new FormatException($"{where}: invalid value '{text}'"),
    };

    private static void CheckHistogram(ParsedFamily family)
    {
        var series = family.Samples.GroupBy(s => string.Join(",", s.Labels.Where(l => l.Key != "le").OrderBy(l => l.Key).Select(l => $"{l.Key}={l.Value}")));
        foreach (var one in series)
        {
            var buckets = one.Where(s => s.Name.EndsWith("_bucket", StringComparison.Ordinal)).ToList();
            Require(buckets.Count > 0, family.Name, "histogram series without buckets");
            var bounds = buckets.Select(b => ParseValue(b.Labels["le"], family.Name)).ToList();
            Require(bounds.SequenceEqual(bounds.Order()) && bounds.Distinct().Count() == bounds.Count, family.Name, "le bounds must increase");
            Require(double.IsPositiveInfinity(bounds[^1]), family.Name, "the last bucket must be le=\"+Inf\"");
            var counts = buckets.Select(b => b.Value).ToList();
            Require(counts.Zip(counts.Skip(1)).All(p => p.First <= p.Second), family.Name, "bucket counts must be cumulative");
            var count = one.Single(s => s.Name.EndsWith("_count", StringComparison.Ordinal)).Value;
            Require(count == counts[^1], family.Name, "_count must equal the +Inf bucket");
            Require(one.Count(s => s.Name.EndsWith("_sum", StringComparison.Ordinal)) == 1, family.Name, "one _sum per series");
        }
    }

    private static (string Head, string Tail) SplitOnce(string text, string where)
    {
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        Require(space > 0, where, "expected NAME TEXT");
        return (text[..space], text[(space + 1)..]);
    }

    private static string Unescape(string text, bool inLabel, string where)
    {
        var result = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\')
            {
                result.Append(text[i]);
                continue;
            }

            Require(i + 1 < text.Length, where, "dangling escape");
            result.Append(text[++i] switch
            {
                '\\' => '\\',
                'n' => '\n',
                '"' when inLabel => '"',
                var other => throw new FormatException($"{where}: invalid escape \\{other}"),
            });
        }

        return result.ToString();
    }

    private static void Require(bool condition, string where, string problem)
    {
        if (!condition)
        {
            throw new FormatException($"{where}: {problem}");
        }
    }

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricName();

    [GeneratedRegex("^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(?<labels>.*)\\})? (?<value>\\S+)$")]
    private static partial Regex SampleLine();

    [GeneratedRegex("(?<name>[a-zA-Z_][a-zA-Z0-9_]*)=\"")]
    private static partial Regex LabelStart();
}

/// <summary>One family as parsed.</summary>
internal sealed record ParsedFamily(string Name, string? Help, string? Type)
{
    public List<ParsedSample> Samples { get; } = [];

    /// <summary>The value of the one sample with exactly these labels (besides none other than given).</summary>
    public double Value(params (string Name, string Value)[] labels) =>
        Samples.Single(s => s.Name == Name && s.Labels.Count == labels.Length && labels.All(l => s.Labels.TryGetValue(l.Name, out var v) && v == l.Value)).Value;
}

/// <summary>One sample line as parsed.</summary>
internal sealed record ParsedSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);
