using System.Text;
using System.Text.Json;
using ControlPlane.Core.Diagnostics;

namespace ControlPlane.Core.Definitions.Syntax;

/// <summary>
/// Reads .json workflow files with the strict JSON reader, so JSON-only mistakes (trailing commas,
/// single quotes, comments) are reported where they are instead of being accepted as YAML.
/// </summary>
internal sealed class JsonSourceReader
{
    private const int MaxDepth = 64;

    private readonly SourceDocument _document;
    private readonly DiagnosticBag _diagnostics;
    private readonly byte[] _utf8;
    private readonly int[] _charIndexOfByte;

    private JsonSourceReader(SourceDocument document, DiagnosticBag diagnostics)
    {
        _document = document;
        _diagnostics = diagnostics;
        _utf8 = Encoding.UTF8.GetBytes(document.Text);
        _charIndexOfByte = MapBytesToChars(document.Text, _utf8.Length);
    }

    public static SourceNode? Read(SourceDocument document, DiagnosticBag diagnostics) =>
        new JsonSourceReader(document, diagnostics).ReadDocument();

    private SourceNode? ReadDocument()
    {
        var reader = new Utf8JsonReader(_utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
        try
        {
            if (!reader.Read())
            {
                return null;
            }

            var root = ReadValue(ref reader);
            if (reader.Read())
            {
                throw new JsonException("unexpected content after the end of the document");
            }

            return root;
        }
        catch (JsonException exception)
        {
            var location = LocationOf(exception, reader);
            _diagnostics.Error(DiagnosticCodes.JsonSyntax, location, string.Empty, "invalid JSON: " + Describe(exception));
            return null;
        }
    }

    private SourceNode ReadValue(ref Utf8JsonReader reader)
    {
        var start = CharIndex(reader.TokenStartIndex);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                return ReadObject(ref reader, start);
            case JsonTokenType.StartArray:
                var items = new List<SourceNode>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(ReadValue(ref reader));
                }

                return new SequenceNode(_document.LocationAt(start), items);
            case JsonTokenType.String:
                return new ScalarNode(_document, start, reader.GetString() ?? string.Empty, ScalarKind.String, ScalarNotation.DoubleQuoted);
            case JsonTokenType.Number:
                return new ScalarNode(_document, start, Encoding.UTF8.GetString(reader.ValueSpan), ScalarKind.Number, ScalarNotation.Plain);
            case JsonTokenType.True:
            case JsonTokenType.False:
                return new ScalarNode(_document, start, reader.GetBoolean() ? "true" : "false", ScalarKind.Boolean, ScalarNotation.Plain);
            default:
                return new ScalarNode(_document, start, "null", ScalarKind.Null, ScalarNotation.Plain);
        }
    }

    private MappingNode ReadObject(ref Utf8JsonReader reader, int start)
    {
        var entries = new List<MappingEntry>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = new ScalarNode(_document, CharIndex(reader.TokenStartIndex), reader.GetString() ?? string.Empty, ScalarKind.String, ScalarNotation.DoubleQuoted);
            reader.Read();
            var value = ReadValue(ref reader);
            MappingEntries.Add(entries, new MappingEntry(key, value), _diagnostics);
        }

        return new MappingNode(_document.LocationAt(start), entries);
    }

    private SourceLocation LocationOf(JsonException exception, Utf8JsonReader reader)
    {
        if (exception.LineNumber is not { } line || exception.BytePositionInLine is not { } bytesInLine)
        {
            return _document.LocationAt(CharIndex(reader.TokenStartIndex));
        }

        // The reader counts bytes; columns in diagnostics count characters.
        var lineStartChar = _document.LineStart((int)line + 1);
        var lineStartByte = Encoding.UTF8.GetByteCount(_document.Text.AsSpan(0, lineStartChar));
        return _document.LocationAt(CharIndex(lineStartByte + bytesInLine));
    }

    private int CharIndex(long byteIndex) =>
        _charIndexOfByte[(int)Math.Clamp(byteIndex, 0, _charIndexOfByte.Length - 1)];

    private static int[] MapBytesToChars(string text, int byteCount)
    {
        var map = new int[byteCount + 1];
        var bytePosition = 0;
        for (var charIndex = 0; charIndex < text.Length; charIndex++)
        {
            var width = char.IsHighSurrogate(text[charIndex]) && charIndex + 1 < text.Length
                ? Encoding.UTF8.GetByteCount(text.AsSpan(charIndex, 2))
                : Encoding.UTF8.GetByteCount(text.AsSpan(charIndex, 1));
            for (var b = 0; b < width && bytePosition + b < map.Length; b++)
            {
                map[bytePosition + b] = charIndex;
            }

            bytePosition += width;
            if (width == 4)
            {
                charIndex++;
            }
        }

        map[^1] = text.Length;
        return map;
    }

    private static string Describe(JsonException exception)
    {
        // The reader appends "LineNumber: n | BytePositionInLine: m."; the diagnostic carries the position.
        var message = exception.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        message = (cut >= 0 ? message[..cut] : message).Trim().TrimEnd('.');
        return message.Length > 0 ? char.ToLowerInvariant(message[0]) + message[1..] : "syntax error";
    }
}
