using System.Globalization;
using ControlPlane.Core.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ControlPlane.Core.Definitions.Syntax;

/// <summary>
/// Builds the source tree from YamlDotNet's event parser rather than its representation model, so
/// duplicate keys, undefined aliases and runaway nesting become diagnostics with positions instead
/// of exceptions.
/// </summary>
internal sealed class YamlSourceReader
{
    private const int MaxDepth = 64;

    // Aliases share nodes, so a small file can describe a huge tree ("billion laughs"). Every later stage walks the
    // tree as if each alias were a copy, so the nodes aliases stand for are budgeted on their own: a file without
    // aliases never touches this budget, whatever its size.
    private const long MaxAliasedNodes = 200_000;

    // The nodes written out in the text. Far above any real workflow (a 10,000-step file has about 50,000); it bounds
    // the tree built from a file that arrives without a size limit (cpctl validate reads any file).
    private const long MaxWrittenNodes = 1_000_000;

    private readonly SourceDocument _document;
    private readonly DiagnosticBag _diagnostics;
    private readonly Dictionary<string, (SourceNode Node, long Size)> _anchors = new(StringComparer.Ordinal);
    private readonly Parser _parser;
    private long _writtenNodes;
    private long _aliasedNodes;
    private bool _aborted;
    private long _lastEventEnd;

    private YamlSourceReader(SourceDocument document, DiagnosticBag diagnostics)
    {
        _document = document;
        _diagnostics = diagnostics;
        _parser = new Parser(new StringReader(document.Text));
    }

    /// <summary>Returns the root node, or null after reporting why there is none.</summary>
    public static SourceNode? Read(SourceDocument document, DiagnosticBag diagnostics) =>
        new YamlSourceReader(document, diagnostics).ReadStream();

    private SourceNode? ReadStream()
    {
        try
        {
            Next();
            var first = Next();
            if (first is StreamEnd)
            {
                return null;
            }

            var (root, _) = ReadNode(Next(), depth: 0);
            if (_aborted)
            {
                return null;
            }

            Next();
            var after = Next();
            if (after is DocumentStart)
            {
                Abort(after.Start, "a workflow file holds one YAML document; remove the second '---' and what follows");
                return null;
            }

            return root;
        }
        catch (YamlException exception)
        {
            var location = _document.LocationAt(exception.Start.Index);
            _diagnostics.Error(DiagnosticCodes.YamlSyntax, location, string.Empty, "invalid YAML: " + YamlScalars.Describe(exception));
            return null;
        }
        catch (Exception exception) when (exception is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            // YamlDotNet's scanner throws these instead of a YamlException on some malformed input
            // (for example a file that ends inside a flow sequence); the position is where it stopped.
            var location = _document.LocationAt(_lastEventEnd);
            _diagnostics.Error(DiagnosticCodes.YamlSyntax, location, string.Empty, "invalid YAML: the text after this point cannot be parsed (is a bracket, brace or quote left open?)");
            return null;
        }
    }

    private ParsingEvent Next()
    {
        if (!_parser.MoveNext() || _parser.Current is null)
        {
            throw new SyntaxErrorException("unexpected end of the file");
        }

        _lastEventEnd = _parser.Current.End.Index;
        return _parser.Current;
    }

    private (SourceNode? Node, long Size) ReadNode(ParsingEvent current, int depth)
    {
        if (depth > MaxDepth)
        {
            Abort(current.Start, $"the document nests deeper than {MaxDepth} levels");
            return (null, 0L);
        }

        var (node, size) = current switch
        {
            Scalar scalar => (YamlScalars.Create(_document, scalar), 1),
            SequenceStart => ReadSequence(current, depth),
            MappingStart => ReadMapping(current, depth),
            AnchorAlias alias => ResolveAlias(alias),
            _ => (null, 0L),
        };

        if (current is AnchorAlias)
        {
            _aliasedNodes += size;
            if (_aliasedNodes > MaxAliasedNodes && !_aborted)
            {
                Abort(current.Start, $"the aliases in the document stand for more than {Count(MaxAliasedNodes)} copied nodes (an alias repeats its anchor's whole value, so nested aliases multiply); write the values out or use fewer aliases");
            }
        }
        else if (++_writtenNodes > MaxWrittenNodes && !_aborted)
        {
            Abort(current.Start, $"the document has more than {Count(MaxWrittenNodes)} nodes (values, keys, lists and mappings); split it into several workflows");
        }

        if (node is not null && AnchorOf(current) is { } anchor)
        {
            _anchors[anchor] = (node, size);
        }

        return (node, size);
    }

    private (SourceNode? Node, long Size) ReadSequence(ParsingEvent start, int depth)
    {
        var items = new List<SourceNode>();
        var size = 1L;
        for (var current = Next(); current is not SequenceEnd && !_aborted; current = Next())
        {
            var (item, itemSize) = ReadNode(current, depth + 1);
            size += itemSize;
            if (item is not null)
            {
                items.Add(item);
            }
        }

        return (new SequenceNode(_document.LocationAt(start.Start.Index), items), size);
    }

    private (SourceNode? Node, long Size) ReadMapping(ParsingEvent start, int depth)
    {
        var entries = new List<MappingEntry>();
        var size = 1L;
        for (var current = Next(); current is not MappingEnd && !_aborted; current = Next())
        {
            var (key, keySize) = ReadNode(current, depth + 1);
            var (value, valueSize) = _aborted ? (null, 0L) : ReadNode(Next(), depth + 1);
            size += keySize + valueSize;
            if (key is null || value is null)
            {
                continue;
            }

            if (key is not ScalarNode keyScalar)
            {
                Abort(current.Start, "mapping keys must be plain words, not " + key.Description);
                break;
            }

            var asKey = new ScalarNode(_document, (int)current.Start.Index, keyScalar.Value, ScalarKind.String, keyScalar.Notation);
            MappingEntries.Add(entries, new MappingEntry(asKey, value), _diagnostics);
        }

        return (new MappingNode(_document.LocationAt(start.Start.Index), entries), size);
    }

    private (SourceNode? Node, long Size) ResolveAlias(AnchorAlias alias)
    {
        if (_anchors.TryGetValue(alias.Value.Value, out var anchored))
        {
            return anchored;
        }

        var location = _document.LocationAt(alias.Start.Index);
        _diagnostics.Error(DiagnosticCodes.UndefinedAlias, location, string.Empty, $"alias '*{alias.Value.Value}' refers to an anchor that is not defined before it");
        return (new ScalarNode(_document, (int)alias.Start.Index, string.Empty, ScalarKind.Null, ScalarNotation.Plain), 1L);
    }

    private static string? AnchorOf(ParsingEvent current) => current switch
    {
        NodeEvent node when !node.Anchor.IsEmpty => node.Anchor.Value,
        _ => null,
    };

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private void Abort(Mark at, string message)
    {
        _aborted = true;
        _diagnostics.Error(DiagnosticCodes.InvalidDocument, _document.LocationAt(at.Index), string.Empty, message);
    }
}
