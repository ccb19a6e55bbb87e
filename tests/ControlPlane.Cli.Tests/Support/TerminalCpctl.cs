using ControlPlane.Testing;

namespace ControlPlane.Cli.Tests.Support;

/// <summary>What cpctl wrote to its stdout, byte for byte, and its exit code and stderr.</summary>
public sealed record TerminalResult(int ExitCode, byte[] Output, string StandardError)
{
    /// <summary>
    /// What the .NET runtime writes to a terminal before a program's first output when stdin is a terminal too and
    /// terminfo has the entry: keypad_xmit of xterm (application cursor keys, application keypad). It is the same
    /// for every .NET program and comes from no step.
    /// </summary>
    public static readonly byte[] RuntimeKeypadTransmit = "\u001b[?1h\u001b="u8.ToArray();

    /// <summary>The output after the runtime's <see cref="RuntimeKeypadTransmit"/>, when it starts with it.</summary>
    public byte[] Written => Output.AsSpan().StartsWith(RuntimeKeypadTransmit) ? Output[RuntimeKeypadTransmit.Length..] : Output;

    /// <summary><see cref="Written"/> as text (Latin-1, one char per byte, so every control byte stays visible to assertions).</summary>
    public string Text => System.Text.Encoding.Latin1.GetString(Written);

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Text}\n--- stderr ---\n{StandardError}";
}

/// <summary>
/// Runs cpctl with its stdout on a real pseudo-terminal (through python3's pty module, Support/terminal_run.py) or
/// on a pipe, and returns the exact bytes it wrote there.
/// </summary>
public static class TerminalCpctl
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <summary>cpctl with stdout (and stdin) on a terminal; TERM says it is an xterm.</summary>
    public static Task<TerminalResult> OnTerminalAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment) =>
        RunAsync("tty", arguments, environment);

    /// <summary>cpctl with stdout on a pipe.</summary>
    public static Task<TerminalResult> PipedAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment) =>
        RunAsync("pipe", arguments, environment);

    private static async Task<TerminalResult> RunAsync(string mode, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var output = Path.Combine(Directory.CreateTempSubdirectory("cpctl-terminal-").FullName, "stdout.bin");
        var script = Path.Combine(AppContext.BaseDirectory, "Support", "terminal_run.py");
        var variables = new Dictionary<string, string>(environment) { ["TERM"] = "xterm-256color" };
        await using var process = ChildProcess.Start("python3", [script, mode, output, "dotnet", Path.Combine(AppContext.BaseDirectory, "cpctl.dll"), .. arguments], null, Cpctl.Environment(variables));
        var exitCode = await process.WaitForExitAsync(Timeout);
        return new TerminalResult(exitCode, await File.ReadAllBytesAsync(output), process.StandardError);
    }
}
