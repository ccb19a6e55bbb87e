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
