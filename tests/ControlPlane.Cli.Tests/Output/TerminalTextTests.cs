using ControlPlane.Cli.Output;
using ControlPlane.Contracts.V1;
using Google.Protobuf;

namespace ControlPlane.Cli.Tests.Output;

public sealed class TerminalTextTests
{
    private const string Esc = "\u001b";

    [Theory]
    [InlineData("\u001b]0;pwned\u0007", @"\x1b]0;pwned\x07")] // window title, BEL-terminated
    [InlineData("\u001b]2;pwned\u001b\\", @"\x1b]2;pwned\x1b\")] // window title, ST-terminated
    [InlineData("\u001b]52;c;ZXZpbA==\u0007", @"\x1b]52;c;ZXZpbA==\x07")] // clipboard write
    [InlineData("\u001b]8;;http://evil.example/\u001b\\link\u001b]8;;\u001b\\", @"\x1b]8;;http://evil.example/\x1b\link\x1b]8;;\x1b\")] // hyperlink
    [InlineData("\u001bPq#0;2;0;0;0\u001b\\", @"\x1bPq#0;2;0;0;0\x1b\")] // DCS
    [InlineData("\u001b_apc\u001b\\\u001b^pm\u001b\\\u001bXsos\u001b\\", @"\x1b_apc\x1b\\x1b^pm\x1b\\x1bXsos\x1b\")] // APC, PM, SOS
    public void Osc_and_other_string_sequences_are_shown_escaped(string hostile, string shown)
    {
        Assert.Equal(shown, TerminalText.LogLine(hostile));
        Assert.Equal(shown, TerminalText.Line(hostile));
    }

    [Theory]
    [InlineData("\u001b[2J", @"\x1b[2J")] // erase screen
    [InlineData("\u001b[H\u001b[3;7H", @"\x1b[H\x1b[3;7H")] // cursor position
    [InlineData("\u001b[1A\u001b[K", @"\x1b[1A\x1b[K")] // cursor up, erase line
    [InlineData("\u001b[?1049h", @"\x1b[?1049h")] // alternate screen
    [InlineData("\u001b[>4;2m", @"\x1b[>4;2m")] // private-marker "m" is not SGR
    [InlineData("\u001b[31", @"\x1b[31")] // an SGR cut short at the end of the line
    [InlineData("\u001b7\u001b8\u001bc", @"\x1b7\x1b8\x1bc")] // save/restore cursor, full reset
    public void Cursor_movement_erase_and_every_non_sgr_escape_are_shown_escaped(string hostile, string shown)
    {
        Assert.Equal(shown, TerminalText.LogLine(hostile));
    }

    [Theory]
    [InlineData("50%\r100%", @"50%\r100%")]
    [InlineData("ding\u0007", @"ding\x07")]
    [InlineData("abc\b\b\bxyz", @"abc\x08\x08\x08xyz")]
    [InlineData("del\u007f", @"del\x7f")]
    [InlineData("nul\0", @"nul\x00")]
    public void A_bare_carriage_return_bell_backspace_delete_and_nul_are_shown_escaped(string hostile, string shown)
    {
        Assert.Equal(shown, TerminalText.LogLine(hostile));
    }

    [Theory]
    [InlineData("\u009b2J", @"\u009b2J")] // 8-bit CSI
    [InlineData("\u009d0;pwned\u009c", @"\u009d0;pwned\u009c")] // 8-bit OSC and ST
    [InlineData("\u0090q\u009c", @"\u0090q\u009c")] // 8-bit DCS
    [InlineData("\u0085", @"\u0085")] // NEL
    public void C1_controls_are_shown_escaped(string hostile, string shown)
    {
        Assert.Equal(shown, TerminalText.LogLine(hostile));
        Assert.Equal(shown, TerminalText.Line(hostile));
    }

    [Fact]
    public void Sgr_colour_stays_in_a_log_line_which_then_ends_with_a_reset()
    {
        var line = $"{Esc}[1;31mred{Esc}[0m {Esc}[38;2;255;128;0morange{Esc}[38:5:208m {Esc}[m";

        Assert.Equal(line + TerminalText.ResetColour, TerminalText.LogLine(line));
    }

    [Fact]
    public void Colour_next_to_a_hostile_sequence_stays_while_the_sequence_is_escaped()
    {
        Assert.Equal(
            $@"{Esc}[32mok{Esc}[0m \x1b]0;t\x07 \x1b[2J" + TerminalText.ResetColour,
            TerminalText.LogLine($"{Esc}[32mok{Esc}[0m {Esc}]0;t\u0007 {Esc}[2J"));
    }

    [Fact]
    public void Plain_text_tabs_and_non_ascii_letters_are_left_alone()
    {
        const string line = "héllo\twörld ✓ 日本";

        Assert.Same(line, TerminalText.LogLine(line));
        Assert.Same(line, TerminalText.Line(line));
    }

    [Fact]
    public void Lines_escape_sgr_and_line_breaks_too_so_a_value_is_one_line()
    {
        Assert.Equal(@"\x1b[31mbuild\nfake line\r", TerminalText.Line($"{Esc}[31mbuild\nfake line\r"));
        Assert.Equal(@"a\tb", TerminalText.Line("a\tb", keepTab: false));
        Assert.Equal("a\tb", TerminalText.Line("a\tb"));
    }

    [Fact]
    public void Blocks_keep_line_breaks_and_tabs_and_escape_every_other_control()
    {
        Assert.Equal("level 0\n\tleg[v=x\\x1b]0;t\\x07]\n", TerminalText.Block("level 0\n\tleg[v=x\u001b]0;t\u0007]\n"));
    }

    [Fact]
    public void No_control_character_survives_except_tab_and_the_esc_of_an_sgr()
    {
        for (var c = '\0'; c <= '\u00ff'; c++)
        {
            foreach (var text in new[] { $"a{c}b", $"{c}[31mx", $"{Esc}{c}0;x" })
            {
                var logLine = TerminalText.LogLine(text);
                var line = TerminalText.Line(text, keepTab: false);

                Assert.DoesNotContain(line, TerminalText.IsControl);
                var withoutSgr = System.Text.RegularExpressions.Regex.Replace(logLine, @"\x1b\[[0-9;:]*m", string.Empty);
                Assert.DoesNotContain(withoutSgr, ch => TerminalText.IsControl(ch) && ch != '\t');
                Assert.Equal(line, TerminalText.Line(line, keepTab: false));
            }
        }
    }

    [Fact]
    public void Json_writes_del_and_c1_controls_as_unicode_escapes_and_means_the_same()
    {
        var run = new Run { WorkflowName = "w", Inputs = { ["k"] = $"{Esc}]0;t\u0007 \u009b2J \u009d0;x\u009c \u007f" } };
        var formatted = new JsonFormatter(JsonFormatter.Settings.Default).Format(run);

        var json = TerminalText.Json(formatted);

        Assert.DoesNotContain(json, TerminalText.IsControl);
        Assert.Contains(@"\u009b2J", json);
        Assert.Equal(run, Run.Parser.ParseJson(json));
    }
}
