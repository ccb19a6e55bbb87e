using System.Text;
using Spectre.Console;

namespace ControlPlane.Cli.Output;

/// <summary>Rows under headers, printed as a Spectre table on a terminal and as plain aligned columns otherwise; cells are always escaped.</summary>
internal sealed class TableView
{
    private readonly List<string[]> _rows = [];

    public TableView(params string[] headers)
    {
        Headers = headers;
    }

    public IReadOnlyList<string> Headers { get; }

    public IReadOnlyList<IReadOnlyList<string>> Rows => _rows;

    /// <summary>
    /// Adds a row; it must have one cell per header. Cells carry text from steps and the server (step keys, matrix
    /// values, runner names, error text), so every control character in them is escaped, on a terminal or not.
    /// </summary>
    public TableView Add(params string[] cells)
    {
        if (cells.Length != Headers.Count)
        {
            throw new ArgumentException($"a row needs {Headers.Count} cells, not {cells.Length}", nameof(cells));
        }

        _rows.Add([.. cells.Select(c => TerminalText.Line(c, keepTab: false))]);
        return this;
    }

    /// <summary>Plain text: columns padded to their widest cell and two spaces apart; no trailing spaces.</summary>
    public string RenderPlain()
    {
        var widths = Headers.Select((h, i) => Math.Max(h.Length, _rows.Select(r => r[i].Length).DefaultIfEmpty(0).Max())).ToArray();
        var text = new StringBuilder();
        foreach (var row in _rows.Prepend([.. Headers]))
        {
            var line = string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i])));
            text.AppendLine(line.TrimEnd());
        }

        return text.ToString();
    }

    /// <summary>Writes the table in the form that suits <paramref name="console"/>.</summary>
    public void Write(CliConsole console)
    {
        if (!console.IsTerminal)
        {
            console.Out.Write(RenderPlain());
            return;
        }

        console.Ansi.Write(ToSpectre());
    }

    /// <summary>The table as a Spectre renderable (for the live watch view).</summary>
    public Table ToSpectre()
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var header in Headers)
        {
            table.AddColumn(new TableColumn(Markup.Escape(header)));
        }

        foreach (var row in _rows)
        {
            table.AddRow(row.Select(c => new Text(c)).ToArray<Spectre.Console.Rendering.IRenderable>());
        }

        return table;
    }
}
