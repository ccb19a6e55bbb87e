using ControlPlane.Cli.Output;
using ControlPlane.Cli.Runs;

namespace ControlPlane.Cli.Tests.Runs;

public sealed class RawLogWriterTests
{
    private static readonly byte[] Stored = [.. "\u001b]0;pwned\u0007\u001b[2J\r\u0007 \u001b[31mred\u001b[0m\r\n"u8, 0x9b, 0xff, 0xc2, .. "tail"u8];

    [Fact]
    public void Without_a_prefix_the_output_is_the_stored_bytes_exactly_however_the_pieces_are_cut()
    {
        for (var cut = 0; cut <= Stored.Length; cut++)
        {
            var (console, bytes) = Console();
            var writer = new RawLogWriter(console, string.Empty);

            writer.Write(Stored.AsSpan(0, cut));
            writer.Write(Stored.AsSpan(cut));
            writer.Flush();

            Assert.Equal(Stored, bytes.ToArray());
        }
    }

    [Fact]
    public void With_a_prefix_each_line_is_its_stored_bytes_after_the_prefix_and_a_last_line_gets_a_line_break()
    {
        var (console, bytes) = Console();
        var writer = new RawLogWriter(console, "build | ");

        writer.Write(Stored.AsSpan(0, 5));
        writer.Write(Stored.AsSpan(5));
        writer.Flush();

        byte[] expected = [.. "build | "u8, .. Stored.AsSpan(0, Array.IndexOf(Stored, (byte)'\n') + 1), .. "build | "u8, 0x9b, 0xff, 0xc2, .. "tail\n"u8];
        Assert.Equal(expected, bytes.ToArray());
    }

    [Fact]
    public void Logs_are_raw_when_piped_or_asked_for_and_escaped_only_on_a_terminal()
    {
        var terminal = new CliConsole(TextWriter.Null, TextWriter.Null, isTerminal: true);
        var piped = new CliConsole(TextWriter.Null, TextWriter.Null, isTerminal: false);

        Assert.IsType<PrefixedLineWriter>(LogOutput.For(terminal, rawRequested: false).Writer(string.Empty));
        Assert.IsType<RawLogWriter>(LogOutput.For(terminal, rawRequested: true).Writer(string.Empty));
        Assert.IsType<RawLogWriter>(LogOutput.For(piped, rawRequested: false).Writer(string.Empty));
    }

    private static (CliConsole Console, MemoryStream Bytes) Console()
    {
        var bytes = new MemoryStream();
        return (new CliConsole(TextWriter.Null, TextWriter.Null, isTerminal: false, bytes), bytes);
    }
}
