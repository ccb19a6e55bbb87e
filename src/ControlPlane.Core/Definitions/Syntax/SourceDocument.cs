using ControlPlane.Core.Diagnostics;

namespace ControlPlane.Core.Definitions.Syntax;

/// <summary>
/// The text of one workflow file with line breaks normalized to '\n', so character indexes from
/// either parser map to the same line and column.
/// </summary>
internal sealed class SourceDocument
{
    private readonly int[] _lineStarts;

    public SourceDocument(string fileName, string text)
    {
        FileName = fileName;
        Text = Normalize(text);
        var starts = new List<int> { 0 };
        for (var i = 0; i < Text.Length; i++)
        {
            if (Text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        _lineStarts = [.. starts];
    }

    public string FileName { get; }

    public string Text { get; }

    public bool IsJson => FileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    public SourceLocation LocationAt(long index)
    {
        var clamped = (int)Math.Clamp(index, 0, Text.Length);
        var line = Array.BinarySearch(_lineStarts, clamped);
        if (line < 0)
        {
            line = ~line - 1;
        }

        return new SourceLocation(FileName, line + 1, clamped - _lineStarts[line] + 1);
    }

    /// <summary>Index of the first character of a 1-based line, or the end of the text past the last line.</summary>
    public int LineStart(int line) =>
        line >= 1 && line <= _lineStarts.Length ? _lineStarts[line - 1] : Text.Length;

    private static string Normalize(string text)
    {
        var withoutBom = text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        return withoutBom.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
    }
}
