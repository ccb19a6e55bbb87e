using System.Globalization;
using System.Text;

namespace ControlPlane.Bench;

/// <summary>Collects rows and prints them as one aligned table (markdown-compatible, so it pastes into notes).</summary>
public sealed class BenchTable
{
    private readonly List<BenchRow> _rows = [];

    public IReadOnlyList<BenchRow> Rows => _rows;

    public void Add(BenchRow row)
    {
        _rows.Add(row);
        Console.Error.WriteLine($"  measured: {row.Measurement} = {Format(row.Value)} {row.Unit}");
    }

    public string Render()
    {
        string[] header = ["measurement", "value", "reference (same run)", "verdict"];
        var cells = _rows.Select(r => new[] { r.Measurement, $"{Format(r.Value)} {r.Unit}", r.Reference, r.Verdict }).ToList();
        var widths = Enumerable.Range(0, header.Length)
            .Select(i => cells.Select(c => c[i].Length).Append(header[i].Length).Max())
            .ToArray();
        var builder = new StringBuilder();
        AppendLine(builder, header, widths);
        builder.Append('|').AppendJoin('|', widths.Select(w => new string('-', w + 2))).AppendLine("|");
        foreach (var row in cells)
        {
            AppendLine(builder, row, widths);
        }

        return builder.ToString();
    }

    public static string Format(double value) => value switch
    {
        >= 100 => value.ToString("N0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("N1", CultureInfo.InvariantCulture),
        _ => value.ToString("N2", CultureInfo.InvariantCulture),
    };

    private static void AppendLine(StringBuilder builder, string[] cells, int[] widths)
    {
        builder.Append('|');
        for (var i = 0; i < cells.Length; i++)
        {
            builder.Append(' ').Append(cells[i].PadRight(widths[i])).Append(" |");
        }

        builder.AppendLine();
    }
}
