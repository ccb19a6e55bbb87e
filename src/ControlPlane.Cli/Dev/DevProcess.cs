using System.Diagnostics;
using System.Threading.Channels;
using ControlPlane.Cli.Api;

namespace ControlPlane.Cli.Dev;

/// <summary>
/// One program of the dev environment (cp-server or cp-agent) as a child process: its output goes to a log file (the
/// terminal shows the run), and its lines can be waited for. Stopping sends SIGTERM (both programs drain or shut down
/// gracefully on it) and kills what is left after a grace.
/// </summary>
internal sealed class DevProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly Lock _gate = new();

    private DevProcess(Process process, StreamWriter log, string logPath)
    {
        _process = process;
        _log = log;
        LogPath = logPath;
    }

    public string LogPath { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts <c>dotnet DLL ARGS</c> with <paramref name="environment"/> added to cpctl's, appending its stdout and
    /// stderr to <paramref name="logPath"/>. Secrets go in the environment: a command line is readable by every process.
    /// </summary>
    public static DevProcess Start(string dll, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string logPath)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new CliException(ExitCodes.Failed, $"could not start {dll}");
        process.StandardInput.Close();
        var dev = new DevProcess(process, log, logPath);
        process.OutputDataReceived += (_, e) => dev.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => dev.OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return dev;
    }

    /// <summary>Waits for a line that <paramref name="match"/> accepts and returns it.</summary>
    /// <exception cref="CliException">The program exited first or did not print it in time; the message names its log.</exception>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, string what, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await foreach (var line in _lines.Reader.ReadAllAsync(timer.Token))
            {
                if (match(line))
                {
                    return line;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException(ExitCodes.Failed, $"{what} did not happen within {timeout.TotalSeconds:F0} s; see {LogPath}");
        }

        throw new CliException(ExitCodes.Failed, $"{what} did not happen: the program exited; see {LogPath}");
    }

    /// <summary>SIGTERM, then SIGKILL after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, UseShellExecute = false }))
        {
            if (kill is not null)
            {
                await kill.WaitForExitAsync();
            }
        }

        using var timer = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(timer.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(5));
        _process.Dispose();
        lock (_gate)
        {
            _log.Dispose();
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            _lines.Writer.TryComplete();
            return;
        }

        lock (_gate)
        {
            try
            {
                _log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // Output after the environment was torn down.
            }
        }

        _lines.Writer.TryWrite(line);
    }
}
