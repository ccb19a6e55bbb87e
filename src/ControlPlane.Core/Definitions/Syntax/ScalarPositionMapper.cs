using ControlPlane.Core.Diagnostics;

namespace ControlPlane.Core.Definitions.Syntax;

/// <summary>
/// Maps an offset inside a scalar's value back to a line and column, so an error in an expression
/// points at the offending character and not just at the start of the field.
/// </summary>
internal static class ScalarPositionMapper
{
    public static SourceLocation Map(SourceDocument document, int start, ScalarNode scalar, int offset)
    {
        var value = scalar.Value;
        offset = Math.Clamp(offset, 0, value.Length);
        var index = scalar.Notation switch
        {
            ScalarNotation.Plain => MapPlain(document.Text, start, value, offset),
            ScalarNotation.SingleQuoted => MapSingleQuoted(document.Text, start, value, offset),
            ScalarNotation.DoubleQuoted => MapDoubleQuoted(document.Text, start, value, offset),
            ScalarNotation.Literal => MapLiteral(document, start, value, offset),
            _ => null,
        };
        return document.LocationAt(index ?? start);
    }

    private static int? MapPlain(string text, int start, string value, int offset) =>
        !value.Contains('\n', StringComparison.Ordinal) && text.AsSpan(start).StartsWith(value, StringComparison.Ordinal)
            ? start + offset
            : null;

    private static int? MapSingleQuoted(string text, int start, string value, int offset)
    {
        var raw = start + 1;
        for (var produced = 0; produced < offset; produced++)
        {
            if (raw >= text.Length || text[raw] == '\n')
            {
                return null;
            }

            // Inside single quotes the only escape is '' for one quote.
            raw += text[raw] == '\'' ? 2 : 1;
        }

        return raw <= text.Length ? raw : null;
    }

    private static int? MapDoubleQuoted(string text, int start, string value, int offset)
    {
        var raw = start + 1;
        var produced = 0;
        while (produced < offset)
        {
            if (raw >= text.Length || text[raw] == '\n')
            {
                return null;
            }

            if (text[raw] == '\\' && raw + 1 < text.Length)
            {
                var escape = text[raw + 1];
                raw += escape switch { 'x' => 4, 'u' => 6, 'U' => 10, _ => 2 };
                produced += char.IsHighSurrogate(value[produced]) && escape == 'U' ? 2 : 1;
            }
            else
            {
                raw++;
                produced++;
            }
        }

        return raw <= text.Length ? raw : null;
    }

    private static int? MapLiteral(SourceDocument document, int start, string value, int offset)
    {
        var headerLine = document.LocationAt(start).Line;
        var indentation = ContentIndentation(document, headerLine + 1);
        if (indentation is null)
        {
            return null;
        }

        var lineInValue = 0;
        var lineStartInValue = 0;
        for (var i = 0; i < offset; i++)
        {
            if (value[i] == '\n')
            {
                lineInValue++;
                lineStartInValue = i + 1;
            }
        }

        var index = document.LineStart(headerLine + 1 + lineInValue) + indentation.Value + (offset - lineStartInValue);
        return index <= document.Text.Length ? index : null;
    }

    // A literal block's indentation is that of its first non-blank line.
    private static int? ContentIndentation(SourceDocument document, int firstLine)
    {
        var text = document.Text;
        for (var index = document.LineStart(firstLine); index < text.Length;)
        {
            var spaces = 0;
            while (index + spaces < text.Length && text[index + spaces] == ' ')
            {
                spaces++;
            }

            if (index + spaces < text.Length && text[index + spaces] != '\n')
            {
                return spaces;
            }

            index += spaces + 1;
        }

        return null;
    }
}
