using System.Text;
using ControlPlane.Cli.Output;
using ControlPlane.Cli.Runs;

namespace ControlPlane.Cli.Tests.Runs;

public sealed class PrefixedLineWriterTests
{
    [Fact]
    public void Lines_split_across_pieces_and_multibyte_characters_split_across_pieces_come_out_whole()
    {
        var output = new StringWriter();
        var writer = new PrefixedLineWriter(new CliConsole(output, TextWriter.Null, isTerminal: false), PrefixedLineWriter.PrefixFor("build", 1));
        var bytes = Encoding.UTF8.GetBytes("héllo\r\nwor");

        writer.Write(bytes.AsSpan(0, 2));
        writer.Write(bytes.AsSpan(2));
        Assert.Equal("build | héllo\n", output.ToString().Replace("\r\n", "\n", StringComparison.Ordinal));
        writer.Write(Encoding.UTF8.GetBytes("ld\nno newline"));
        writer.Flush();

        Assert.Equal("build | héllo\nbuild | world\nbuild | no newline\n", output.ToString().Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public void Later_attempts_are_marked_in_the_prefix()
    {
        Assert.Equal("test#2 | ", PrefixedLineWriter.PrefixFor("test", 2));
    }
}
