using System.Globalization;
using ControlPlane.Core.Definitions.Syntax;
using ControlPlane.Core.Diagnostics;
using ControlPlane.Core.Text;
using ControlPlane.Settings;

namespace ControlPlane.Core.Definitions.Parsing;

/// <summary>
/// Reads typed values from source nodes. Every mismatch becomes a diagnostic and a null result, so
/// the parsers carry on and report everything in one pass. A null node (<c>key:</c> with no value)
/// counts as absent for optional mappings and lists.
/// </summary>
internal sealed class ValueReader(DiagnosticBag diagnostics)
{
    public DiagnosticBag Diagnostics { get; } = diagnostics;

    public void WrongType(SourceNode node, string path, string expected) =>
        Diagnostics.Error(DiagnosticCodes.WrongType, node.Location, path, $"expected {expected}, got {node.Description}");

    public MappingNode? Mapping(SourceNode? node, string path, string expected = "a mapping")
    {
        switch (node)
        {
            case null or ScalarNode { Kind: ScalarKind.Null }:
                return null;
            case MappingNode map:
                return map;
            default:
                WrongType(node, path, expected);
                return null;
        }
    }

    public SequenceNode? Sequence(SourceNode? node, string path, string expected = "a list")
    {
        switch (node)
        {
            case null or ScalarNode { Kind: ScalarKind.Null }:
                return null;
            case SequenceNode sequence:
                return sequence;
            default:
                WrongType(node, path, expected);
                return null;
        }
    }

    /// <summary>A list, or a single scalar standing for a list of one (<c>needs: build</c>), with each item's path.</summary>
    public IReadOnlyList<(SourceNode Node, string Path)> ListOrSingle(SourceNode? node, string path, string expected)
    {
        return node switch
        {
            null or ScalarNode { Kind: ScalarKind.Null } => [],
            ScalarNode scalar => [(scalar, path)],
            SequenceNode sequence => sequence.Items.Select((item, i) => (item, FieldPath.Index(path, i))).ToList(),
            _ => Reject(node),
        };

        IReadOnlyList<(SourceNode, string)> Reject(SourceNode other)
        {
            WrongType(other, path, expected);
            return [];
        }
    }

    /// <summary>Any non-null scalar as text (numbers and booleans as written).</summary>
    public ScalarNode? Text(SourceNode? node, string path, string expected = "a string")
    {
        if (node is ScalarNode { Kind: not ScalarKind.Null } scalar)
        {
            return scalar;
        }

        if (node is not null)
        {
            WrongType(node, path, expected);
        }

        return null;
    }

    public int? Integer(SourceNode? node, string path, int min, int max)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not ScalarNode { Kind: ScalarKind.Number } scalar)
        {
            WrongType(node, path, "a whole number");
            return null;
        }

        var value = ScalarResolver.ParseNumber(scalar.Value);
        if (!(value >= min && value <= max))
        {
            OutOfRange(scalar, path, $"must be between {min} and {max}, got {scalar.Value}");
            return null;
        }

        if (!double.IsInteger(value))
        {
            WrongType(node, path, "a whole number");
            return null;
        }

        return (int)value;
    }

    public double? Number(SourceNode? node, string path, double min, double max)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not ScalarNode { Kind: ScalarKind.Number } scalar)
        {
            WrongType(node, path, "a number");
            return null;
        }

        var value = ScalarResolver.ParseNumber(scalar.Value);
        if (!(value >= min && value <= max))
        {
            OutOfRange(scalar, path, $"must be between {Format(min)} and {Format(max)}, got {scalar.Value}");
            return null;
        }

        return value;
    }

    public bool? Boolean(SourceNode? node, string path)
    {
        if (node is null)
        {
            return null;
        }

        if (node is ScalarNode { Kind: ScalarKind.Boolean } scalar)
        {
            return ScalarResolver.ParseBoolean(scalar.Value);
        }

        WrongType(node, path, "true or false");
        return null;
    }

    /// <param name="mustBePositive">Timeouts and sleeps must be longer than zero; backoffs may be zero.</param>
    public TimeSpan? Duration(SourceNode? node, string path, bool mustBePositive)
    {
        var scalar = Text(node, path, "a duration such as 30s");
        if (scalar is null)
        {
            return null;
        }

        if (!DurationFormat.TryParse(scalar.Value, out var duration, out var error))
        {
            var hint = scalar.Kind == ScalarKind.Number ? $"; add a unit, e.g. {scalar.Value}s" : string.Empty;
            Diagnostics.Error(DiagnosticCodes.InvalidDuration, scalar.Location, path, error + hint);
            return null;
        }

        if (mustBePositive && duration <= TimeSpan.Zero)
        {
            OutOfRange(scalar, path, "must be longer than 0s");
            return null;
        }

        return duration;
    }

    /// <summary>One of a fixed set of words, e.g. <c>shell: bash</c>.</summary>
    public T? Choice<T>(SourceNode? node, string path, IReadOnlyDictionary<string, T> words, string what)
        where T : struct
    {
        var scalar = Text(node, path, "one of: " + string.Join(", ", words.Keys));
        if (scalar is null)
        {
            return null;
        }

        if (words.TryGetValue(scalar.Value, out var value))
        {
            return value;
        }

        var hint = NameSuggester.Hint(scalar.Value, words.Keys);
        Diagnostics.Error(DiagnosticCodes.InvalidValue, scalar.Location, path, $"invalid {what} '{scalar.Value}'; expected one of: {string.Join(", ", words.Keys)}{hint}");
        return null;
    }

    public void OutOfRange(SourceNode node, string path, string message) =>
        Diagnostics.Error(DiagnosticCodes.OutOfRange, node.Location, path, $"{LastSegment(path)} {message}");

    private static string LastSegment(string path)
    {
        var dot = path.LastIndexOf('.');
        return dot < 0 ? path : path[(dot + 1)..];
    }

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
