using ControlPlane.Cli.Output;
using ControlPlane.Contracts.V1;

namespace ControlPlane.Cli.Watch;

/// <summary>
/// The watch view without a terminal: one line per change, prefixed with the time it was seen, so a log file or a
/// pipe reads as the run's history. The first read prints every step once.
/// </summary>
internal sealed class PlainWatchView
{
    private readonly CliConsole _console;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, StepSnapshot> _steps = [];
    private RunState _runState = RunState.Unspecified;

    public PlainWatchView(CliConsole console, TimeProvider time)
    {
        _console = console;
        _time = time;
    }

    /// <summary>Prints what changed since the previous read.</summary>
    public void Show(GetRunResponse run)
    {
        foreach (var line in Changes(run))
        {
            _console.WriteLine($"{_time.GetUtcNow():HH:mm:ss} {line}");
        }
    }

    /// <summary>The lines describing what changed since the previous read (and remembers this one).</summary>
    public IReadOnlyList<string> Changes(GetRunResponse run)
    {
        var lines = new List<string>();
        if (run.Run.State != _runState)
        {
            _runState = run.Run.State;
            lines.Add($"run {run.Run.Id} {Display.Name(run.Run.State)}");
        }

        foreach (var step in run.Steps)
        {
            var snapshot = StepSnapshot.Of(step);
            if (!_steps.TryGetValue(step.Key, out var previous) || previous != snapshot)
            {
                _steps[step.Key] = snapshot;
                lines.Add(snapshot.Describe());
            }
        }

        return lines;
    }
}
