using System.Text;
using ControlPlane.Cli.Output;
using ControlPlane.Cli.Runs;

namespace ControlPlane.Cli.Tests.Runs;

public sealed class PrefixedLineWriterTests
{
    private const string Hostile = "\u001b[31mred\u001b[0m \u001b]0;pwned\u0007\u001b]52;c;ZXZpbA==\u0007\u001b[2J\r\u0007end\n";

    private const string HostileShown = "build | \u001b[31mred\u001b[0m \\x1b]0;pwned\\x07\\x1b]52;c;ZXZpbA==\\x07\\x1b[2J\\r\\x07end\u001b[0m\n";

    [Fact]
    public void Lines_split_across_pieces_and_multibyte_characters_split_across_pieces_come_out_whole()
    {
        var output = new StringWriter();
        var writer = new PrefixedLineWriter(Terminal(output), PrefixedLineWriter.PrefixFor("build", 1));
        var bytes = Encoding.UTF8.GetBytes("héllo\r\nwor");

        writer.Write(bytes.AsSpan(0, 2));
        writer.Write(bytes.AsSpan(2));
        Assert.Equal("build | héllo\n", Normalize(output));
        writer.Write(Encoding.UTF8.GetBytes("ld\nno newline"));
        writer.Flush();

        Assert.Equal("build | héllo\nbuild | world\nbuild | no newline\n", Normalize(output));
    }

    [Fact]
    public void Later_attempts_are_marked_in_the_prefix()
    {
        Assert.Equal("test#2 | ", PrefixedLineWriter.PrefixFor("test", 2));
    }

    [Fact]
    public void A_step_key_with_control_characters_is_escaped_in_the_prefix()
    {
        Assert.Equal(@"leg (x\x1b]0;t\x07) | ", PrefixedLineWriter.PrefixFor("leg (x\u001b]0;t\u0007)", 1));
    }

    [Fact]
    public void Control_sequences_are_escaped_and_colour_kept_wherever_the_pieces_are_cut()
    {
        var bytes = Encoding.UTF8.GetBytes(Hostile);
        for (var cut = 0; cut <= bytes.Length; cut++)
        {
            var output = new StringWriter();
            var writer = new PrefixedLineWriter(Terminal(output), "build | ");

            writer.Write(bytes.AsSpan(0, cut));
            writer.Write(bytes.AsSpan(cut));
            writer.Flush();

            Assert.Equal(HostileShown, Normalize(output));
        }
    }

    [Fact]
    public void Every_byte_in_its_own_piece_still_gives_the_same_line()
    {
        var output = new StringWriter();
        var writer = new PrefixedLineWriter(Terminal(output), "build | ");

        foreach (var b in Encoding.UTF8.GetBytes(Hostile))
        {
            writer.Write([b]);
        }

        writer.Flush();
        Assert.Equal(HostileShown, Normalize(output));
    }

    [Fact]
    public void An_unterminated_sequence_at_the_end_of_the_log_is_escaped()
    {
        var output = new StringWriter();
        var writer = new PrefixedLineWriter(Terminal(output), string.Empty);

        writer.Write("tail\u001b]0;pwn\r"u8);
        writer.Flush();

        Assert.Equal("tail\\x1b]0;pwn\\r\n", Normalize(output));
    }

    [Fact]
    public void Invalid_utf8_and_raw_8_bit_c1_bytes_show_as_replacement_characters_and_utf8_encoded_c1_is_escaped()
    {
        var output = new StringWriter();
        var writer = new PrefixedLineWriter(Terminal(output), string.Empty);

        writer.Write([0x9b, (byte)'2', (byte)'J', 0xff, (byte)' ', 0xc2, 0x9b, (byte)'2', (byte)'J', (byte)'\n', 0xe2, 0x9c]);
        writer.Flush();

        Assert.Equal("\ufffd2J\ufffd \\u009b2J\n\ufffd\n", Normalize(output));
    }

    private static CliConsole Terminal(StringWriter output) => new(output, TextWriter.Null, isTerminal: true);

    private static string Normalize(StringWriter output) => output.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
}
