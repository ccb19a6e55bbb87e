using System.Globalization;
using System.Text;

namespace ControlPlane.Cli.Output;

/// <summary>
/// Makes text from steps and the server safe to show on an operator's terminal: every control character is shown
/// escaped (<c>\x1b</c>, <c>\r</c>, <c>\x07</c>, <c>\u009b</c>), so an OSC sequence (window title, clipboard OSC 52,
/// hyperlink), a cursor movement or erase, a bare carriage return or a bell arrives as readable text that does
/// nothing. With ESC escaped, the rest of a sequence (<c>]0;title</c>) is plain printable text.
/// </summary>
/// <remarks>
/// Written here rather than taken from a package: Spectre.Console's <c>Markup.Escape</c> escapes markup brackets,
/// not terminal controls, and no package in use turns controls into visible text while keeping SGR colour.
/// The output contains no control character (except the kept ones named per method), so escaping is idempotent.
/// </remarks>
internal static class TerminalText
{
    private const char Escape = '\u001b';

    /// <summary>Resets colour and attributes (SGR 0); ends every log line that set any.</summary>
    public const string ResetColour = "\u001b[0m";

    /// <summary>
    /// One line for a table cell or a line cpctl composes (headers, watch lines, errors): every control character
    /// escaped, line breaks included, so one value is one line; a tab is kept unless <paramref name="keepTab"/> is false.
    /// </summary>
    public static string Line(string text, bool keepTab = true) => EscapeControls(text, keepTab, keepNewline: false);

    /// <summary>Text of several lines (a plan): line breaks and tabs kept, every other control character escaped.</summary>
    public static string Block(string text) => EscapeControls(text, keepTab: true, keepNewline: true);

    /// <summary>
    /// One log line (without its line break) for a terminal: SGR colour sequences (<c>ESC [ digits ; : m</c>) stay and,
    /// when there were any, the line ends with <see cref="ResetColour"/> so colour never runs into the next line,
    /// another step's prefix or cpctl's own lines; every other control character, the ESC of any other sequence
    /// included, is escaped. A tab stays.
    /// </summary>
    public static string LogLine(string line)
    {
        if (!HasControl(line, keepTab: true, keepNewline: false))
        {
            return line;
        }

        var text = new StringBuilder(line.Length + 16);
        var coloured = false;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == Escape && SgrEnd(line, i) is var end && end > 0)
            {
                text.Append(line, i, end - i);
                coloured = true;
                i = end - 1;
                continue;
            }

            Append(text, line[i], keepTab: true, keepNewline: false);
        }

        return coloured ? text.Append(ResetColour).ToString() : text.ToString();
    }

    /// <summary>
    /// Protobuf JSON with DEL and C1 controls (U+007F–U+009F), which JSON allows raw, written as <c>\u00XX</c>:
    /// the same JSON value, nothing a terminal acts on. (C0 controls are escaped by JSON itself.)
    /// </summary>
    public static string Json(string json)
    {
        if (!json.Any(IsDelOrC1))
        {
            return json;
        }

        var text = new StringBuilder(json.Length + 16);
        foreach (var c in json)
        {
            _ = IsDelOrC1(c) ? text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}") : text.Append(c);
        }

        return text.ToString();
    }

    /// <summary>True for what a terminal may act on: C0 controls, DEL and C1 controls.</summary>
    public static bool IsControl(char c) => c < ' ' || IsDelOrC1(c);

    private static bool IsDelOrC1(char c) => c is >= '\u007f' and <= '\u009f';

    private static string EscapeControls(string text, bool keepTab, bool keepNewline)
    {
        if (!HasControl(text, keepTab, keepNewline))
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            Append(escaped, c, keepTab, keepNewline);
        }

        return escaped.ToString();
    }

    private static bool HasControl(string text, bool keepTab, bool keepNewline)
    {
        foreach (var c in text)
        {
            if (IsControl(c) && !(keepTab && c == '\t') && !(keepNewline && c == '\n'))
            {
                return true;
            }
        }

        return false;
    }

    private static void Append(StringBuilder text, char c, bool keepTab, bool keepNewline)
    {
        _ = c switch
        {
            '\t' when keepTab => text.Append(c),
            '\n' when keepNewline => text.Append(c),
            '\n' => text.Append("\\n"),
            '\r' => text.Append("\\r"),
            '\t' => text.Append("\\t"),
            < ' ' or '\u007f' => text.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}"),
            <= '\u009f' when c >= '\u0080' => text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
            _ => text.Append(c),
        };
    }

    /// <summary>The index after an SGR sequence starting at <paramref name="start"/> (an ESC), or 0 when it is not one.</summary>
    private static int SgrEnd(string line, int start)
    {
        if (start + 2 >= line.Length || line[start + 1] != '[')
        {
            return 0;
        }

        for (var i = start + 2; i < line.Length; i++)
        {
            var c = line[i];
            if (c == 'm')
            {
                return i + 1;
            }

            if (c is not ((>= '0' and <= '9') or ';' or ':'))
            {
                return 0;
            }
        }

        return 0;
    }
}
