using ControlPlane.Cli.Output;

namespace ControlPlane.Cli.Tests.Output;

public sealed class TableViewTests
{
    [Fact]
    public void Plain_tables_align_columns_two_spaces_apart_without_trailing_spaces()
    {
        var table = new TableView("RUN", "STATE", "DETAIL").Add("7", "running", string.Empty).Add("12", "failed", "exit code 3");

        Assert.Equal("RUN  STATE    DETAIL\n7    running\n12   failed   exit code 3\n", table.RenderPlain().Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public void Cells_are_escaped_on_a_terminal_and_off_it_so_a_value_cannot_drive_the_terminal_or_break_the_row()
    {
        var table = new TableView("STEP", "DETAIL").Add("leg (x\u001b]0;t\u0007)", "\u001b[31mfailed\nfake row\r\u009b2J\tx");
        var terminal = new StringWriter();

        table.Write(new CliConsole(terminal, TextWriter.Null, isTerminal: true));

        Assert.Equal(["leg (x\\x1b]0;t\\x07)", "\\x1b[31mfailed\\nfake row\\r\\u009b2J\\tx"], table.Rows[0]);
        Assert.Equal(2, table.RenderPlain().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.DoesNotContain(table.RenderPlain().Replace("\n", string.Empty, StringComparison.Ordinal), TerminalText.IsControl);
        Assert.Contains("\\x1b]0;t\\x07", terminal.ToString());
        Assert.DoesNotContain("\u001b]", terminal.ToString());
        Assert.DoesNotContain('\u0007', terminal.ToString());
    }

    [Fact]
    public void Lines_and_notes_cpctl_composes_are_escaped()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole(output, error, isTerminal: false);

        console.WriteLine("run 3 failed after 1s: leg (x\u001b]0;t\u0007)");
        console.Note("cpctl: run 3 has no step 'a\u001b[2J\nb'");
        console.WriteBlock("level 0\n  x\u001b]0;t\u0007\n");

        Assert.Equal("run 3 failed after 1s: leg (x\\x1b]0;t\\x07)\nlevel 0\n  x\\x1b]0;t\\x07\n", output.ToString().Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Equal("cpctl: run 3 has no step 'a\\x1b[2J\\nb'\n", error.ToString().Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_cells_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new TableView("A", "B").Add("only one"));
    }

    [Theory]
    [InlineData(850, "850ms")]
    [InlineData(12_000, "12s")]
    [InlineData(63_000, "1m03s")]
    [InlineData(7_500_000, "2h05m")]
    public void Durations_are_short(int milliseconds, string expected)
    {
        Assert.Equal(expected, Display.Duration(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [Fact]
    public void Enum_names_read_as_snake_case()
    {
        Assert.Equal("waiting_for_retry", Display.Name(ControlPlane.Contracts.V1.StepState.WaitingForRetry));
        Assert.Equal("succeeded", Display.Name(ControlPlane.Contracts.V1.RunState.Succeeded));
    }
}
