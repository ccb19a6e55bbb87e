using ControlPlane.Cli.Output;
using ControlPlane.Contracts.V1;

namespace ControlPlane.Cli.Watch;

/// <summary>What the watch view shows of one step; two equal snapshots print nothing in plain mode.</summary>
internal sealed record StepSnapshot(string Key, string State, int Attempt, string Runner, string Detail, string? ExitCode)
{
    /// <summary>The snapshot of a step as GetRun returned it.</summary>
    public static StepSnapshot Of(Step step)
    {
        var attempt = Display.LatestAttempt(step);
        return new StepSnapshot(
            step.Key,
            Display.Name(step.State),
            attempt?.Number ?? 0,
            attempt?.RunnerName ?? string.Empty,
            RunTables.Detail(step),
            step.HasExitCode ? step.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
    }

    /// <summary>"build running (attempt 1 on runner-a)", "test ready: no connected runner has labels [gpu]".</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (Attempt > 0)
        {
            parts.Add(string.IsNullOrEmpty(Runner) ? $"attempt {Attempt}" : $"attempt {Attempt} on {Runner}");
        }

        if (ExitCode is not null)
        {
            parts.Add($"exit {ExitCode}");
        }

        var facts = parts.Count > 0 ? $" ({string.Join(", ", parts)})" : string.Empty;
        var detail = string.IsNullOrEmpty(Detail) ? string.Empty : $": {Detail}";
        return $"{Key} {State}{facts}{detail}";
    }
}
