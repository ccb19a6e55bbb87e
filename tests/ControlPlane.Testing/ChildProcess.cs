using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Channels;

namespace ControlPlane.Testing;

/// <summary>
/// A real process under test with its stdout lines readable as they arrive and both streams kept for failure
/// messages. Disposing kills it (and its children) if it is still running.
/// </summary>
public sealed partial class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _name;
    private readonly Action<string>? _log;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private ChildProcess(Process process, string name, Action<string>? log)
    {
        _process = process;
        _name = name;
        _log = log;
        _process.OutputDataReceived += (_, e) => OnLine(e.Data, _stdout, isStdout: true);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data, _stderr, isStdout: false);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string StandardOutput => Snapshot(_stdout);

    public string StandardError => Snapshot(_stderr);

    /// <summary>Both streams, for an assertion message.</summary>
    public string Transcript => $"--- {_name} stdout ---\n{StandardOutput}--- {_name} stderr ---\n{StandardError}";

    /// <summary>Starts a process with stdin closed. <paramref name="log"/> receives every output line as it arrives.</summary>
    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null, Action<string>? log = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        process.StandardInput.Close();
        return new ChildProcess(process, Path.GetFileName(fileName), log);
    }

    /// <summary>Waits for the next stdout line containing <paramref name="text"/> and returns it.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, string description, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (await _lines.Reader.WaitToReadAsync(cts.Token))
            {
                while (_lines.Reader.TryRead(out var line))
                {
                    if (match(line))
                    {
                        return line;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{_name} printed no line {description} within {timeout}.\n{Transcript}");
        }

        throw new InvalidOperationException($"{_name} exited without printing a line {description}.\n{Transcript}");
    }

    /// <summary>Waits for the process to exit and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{_name} did not exit within {timeout}.\n{Transcript}");
        }

        // The parameterless wait also drains the redirected streams.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Sends a POSIX signal (e.g. 15 for SIGTERM, 9 for SIGKILL).</summary>
    public void Signal(int signal)
    {
        if (!_process.HasExited && Kill(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void OnLine(string? line, StringBuilder buffer, bool isStdout)
    {
        if (line is null)
        {
            if (isStdout)
            {
                _lines.Writer.TryComplete();
            }

            return;
        }

        lock (buffer)
        {
            buffer.AppendLine(line);
        }

        if (isStdout)
        {
            _lines.Writer.TryWrite(line);
        }

        _log?.Invoke($"[{_name}] {line}");
    }

    private static string Snapshot(StringBuilder buffer)
    {
        lock (buffer)
        {
            return buffer.ToString();
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
