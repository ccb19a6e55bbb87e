using System.Globalization;
using System.Text;
using ControlPlane.Cli.Tests.Support;
using ControlPlane.Contracts.V1;

namespace ControlPlane.Cli.Tests.Output;

/// <summary>
/// cpctl against a real server and agent, with its stdout on a real pseudo-terminal or a pipe. The cli-hostile
/// workflow's step prints a window title, a clipboard write (OSC 52), a hyperlink, clear-screen, cursor-home, a bare
/// carriage return and a bell between coloured text; its matrix leg's key carries an OSC title sequence.
/// </summary>
[Collection(ControlPlaneCollection.Name)]
public sealed class TerminalSafetyTests(ControlPlaneFixture fixture)
{
    private const string Esc = "\u001b";

    /// <summary>The hostile line of the paint step as a terminal shows it: every sequence escaped, nothing acted on.</summary>
    private const string ShownHostileLine =
        @"\x1b]0;pwned\x07\x1b]52;c;ZXZpbA==\x07\x1b]8;;http://evil.example/\x1b\link\x1b]8;;\x1b\\x1b[2J\x1b[H\r\x07";

    private static readonly byte[] StoredLog = Encoding.UTF8.GetBytes(TestWorkflows.HostileLog);

    [Fact]
    public async Task Logs_on_a_terminal_show_a_steps_control_sequences_escaped_and_keep_its_colour()
    {
        var runId = await HostileRunAsync();

        var result = await fixture.CpctlOnTerminalAsync("logs", runId, "paint");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            $"{Esc}[31mred{Esc}[0m plain{Esc}[0m\n{ShownHostileLine}\nafter\n",
            result.Text);
        AssertNothingDrivesTheTerminal(result.Written);
    }

    [Fact]
    public async Task Run_follow_on_a_terminal_escapes_every_steps_output_and_its_matrix_key()
    {
        var result = await fixture.CpctlOnTerminalAsync("run", "cli-hostile", "--follow");

        Assert.True(result.ExitCode == 0, $"{result}\n{fixture.Transcript}");
        var lines = result.Text.Split('\n');
        Assert.Contains($"paint | {Esc}[31mred{Esc}[0m plain{Esc}[0m", lines);
        Assert.Contains("paint | " + ShownHostileLine, lines);
        Assert.Contains("paint | after", lines);
        Assert.Contains(@"\x1b]0;matrix\x07", result.Text);
        AssertNothingDrivesTheTerminal(result.Written);
    }

    [Fact]
    public async Task Raw_on_a_terminal_and_piped_output_are_the_stored_log_byte_for_byte()
    {
        var runId = await HostileRunAsync();

        var raw = await fixture.CpctlOnTerminalAsync("logs", runId, "paint", "--raw");
        var piped = await fixture.CpctlPipedAsync("logs", runId, "paint");
        var pipedFollow = await fixture.CpctlPipedAsync("logs", runId, "paint", "-f");

        Assert.True(raw.ExitCode == 0, raw.ToString());
        Assert.Equal(StoredLog, raw.Written);
        Assert.True(piped.ExitCode == 0, piped.ToString());
        Assert.Equal(StoredLog, piped.Output);
        Assert.Equal(StoredLog, pipedFollow.Output);
    }

    [Fact]
    public async Task Piped_logs_of_every_step_keep_each_lines_stored_bytes_after_its_prefix()
    {
        var runId = await HostileRunAsync();

        var piped = await fixture.CpctlPipedAsync("logs", runId);

        Assert.True(piped.ExitCode == 0, piped.ToString());
        var lines = TestWorkflows.HostileLog.Split('\n');
        Assert.Contains($"paint | {lines[0]}\npaint | {lines[1]}\npaint | after\n", Encoding.UTF8.GetString(piped.Output));
    }

    [Fact]
    public async Task Tables_escape_a_matrix_key_on_a_terminal_and_when_piped()
    {
        var runId = await HostileRunAsync();

        var onTerminal = await fixture.CpctlOnTerminalAsync("runs", "get", runId);
        var piped = await fixture.CpctlPipedAsync("runs", "get", runId);

        Assert.True(onTerminal.ExitCode == 0, onTerminal.ToString());
        Assert.Contains(@"x\x1b]0;matrix\x07", onTerminal.Text);
        Assert.Contains('╭', Encoding.UTF8.GetString(onTerminal.Written)); // Spectre's table: it saw a terminal
        AssertNothingDrivesTheTerminal(onTerminal.Written);
        Assert.True(piped.ExitCode == 0, piped.ToString());
        Assert.Matches(@"(?m)^leg\[v=x\\x1b\]0;matrix\\x07\]\s+succeeded\s", piped.Text);
        Assert.DoesNotContain(piped.Text, c => c < ' ' && c != '\n');
    }

    [Fact]
    public async Task Watch_on_a_terminal_escapes_a_matrix_key_in_its_live_table()
    {
        var runId = await HostileRunAsync();

        var result = await fixture.CpctlOnTerminalAsync("watch", runId);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(@"x\x1b]0;matrix\x07", result.Text);
        Assert.DoesNotContain(Esc + "]", result.Text);
        Assert.DoesNotContain('\u0007', result.Text);
    }

    [Fact]
    public async Task Json_on_a_terminal_carries_the_key_json_escaped_and_unchanged_in_meaning()
    {
        var runId = await HostileRunAsync();

        var result = await fixture.CpctlOnTerminalAsync("runs", "get", runId, "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain(result.Text, c => c < ' ' && c != '\n');
        var run = GetRunResponse.Parser.ParseJson(Encoding.UTF8.GetString(result.Written));
        Assert.Contains(run.Steps, s => s.Key.Contains("x\u001b]0;matrix\u0007", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_error_naming_a_hostile_step_key_is_one_escaped_line_on_stderr()
    {
        var runId = await HostileRunAsync();

        var result = await fixture.CpctlOnTerminalAsync("logs", runId, "nope\u001b]0;pwned\u0007\u001b[2J", "-f");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("cpctl: ", line);
        Assert.Contains(@"nope\x1b]0;pwned\x07\x1b[2J", line);
    }

    [Fact]
    public async Task Raw_without_follow_is_a_usage_error_naming_the_option()
    {
        var result = await fixture.CpctlAsync("run", "cli-hostile", "--raw");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--raw", Assert.Single(result.ErrorLines));
    }

    /// <summary>No OSC, DCS/APC/PM/SOS, CSI other than SGR, bell, backspace, carriage return, C1 control or other C0 control.</summary>
    private static void AssertNothingDrivesTheTerminal(byte[] bytes)
    {
        var output = Encoding.UTF8.GetString(bytes);
        var withoutSgr = System.Text.RegularExpressions.Regex.Replace(output, @"\x1b\[[0-9;:]*m", string.Empty);
        var control = withoutSgr.Select((c, i) => (c, i)).FirstOrDefault(x => (x.c < ' ' && x.c != '\n') || x.c is >= '\u007f' and <= '\u009f');
        Assert.True(control == default, $"a raw control 0x{(int)control.c:x2} at {control.i}:\n{output}");
    }

    private async Task<string> HostileRunAsync()
    {
        var result = await fixture.CpctlAsync("run", "cli-hostile", "--wait");
        Assert.True(result.ExitCode == 0, $"{result}\n{fixture.Transcript}");
        return RunIds.FromStarted(result).ToString(CultureInfo.InvariantCulture);
    }
}
