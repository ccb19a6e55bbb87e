using ControlPlane.Cli.Output;
using ControlPlane.Contracts.V1;

namespace ControlPlane.Cli.Runs;

/// <summary>How a finished run reads and which exit code it gives: 0 only when it succeeded.</summary>
internal static class RunOutcome
{
    /// <summary>0 for a succeeded run, 1 for a failed or cancelled one.</summary>
    public static int ExitCode(RunState state) => state == RunState.Succeeded ? ExitCodes.Success : ExitCodes.Failed;

    /// <summary>"run 12 failed after 3s: test (exit code 2)": the state and, when it did not succeed, the steps that did not.</summary>
    public static string Describe(GetRunResponse run, DateTimeOffset now)
    {
        var summary = $"run {run.Run.Id} {Display.Name(run.Run.State)} after {Display.Elapsed(run.Run.StartedAt ?? run.Run.CreatedAt, run.Run.FinishedAt, now)}";
        var failed = run.Steps.Where(s => s.State is StepState.Failed).Select(s => string.IsNullOrEmpty(s.Outcome) ? s.Key : $"{s.Key} ({s.Outcome})").ToList();
        return failed.Count == 0 ? summary : $"{summary}: {string.Join(", ", failed)}";
    }
}
