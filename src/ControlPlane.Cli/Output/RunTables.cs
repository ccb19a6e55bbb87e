using System.Globalization;
using ControlPlane.Contracts.V1;

namespace ControlPlane.Cli.Output;

/// <summary>The tables and header lines that show one run and its steps (runs get, watch).</summary>
internal static class RunTables
{
    /// <summary>"run 12  ci rev 3  running  attempt 1" and its inputs and times, one fact per line.</summary>
    public static IEnumerable<string> Header(Run run, DateTimeOffset now)
    {
        yield return $"run {run.Id}: workflow {run.WorkflowName} revision {run.RevisionId}, {Display.Name(run.State)} (run attempt {run.RunAttempt})";
        yield return "started by: " + StartedBy(run);
        if (run.Inputs.Count > 0)
        {
            yield return "inputs: " + Display.Inputs(run.Inputs);
        }

        yield return $"created {Display.Time(run.CreatedAt)}, started {Display.Time(run.StartedAt)}, finished {Display.Time(run.FinishedAt)}, took {Display.Elapsed(run.StartedAt, run.FinishedAt, now)}";
    }

    /// <summary>"manual", "schedule", or "webhook" with the payload's size (the payload itself is in <c>-o json</c>).</summary>
    public static string StartedBy(Run run) => run.Trigger switch
    {
        RunTrigger.Schedule => "schedule" + (run.IdempotencyKey.Length > 0 ? $" ({run.IdempotencyKey})" : ""),
        RunTrigger.Webhook => $"webhook ({run.EventJson.Length} bytes of event" + (run.IdempotencyKey.Length > 0 ? $", {run.IdempotencyKey})" : ")"),
        _ => "manual",
    };

    /// <summary>One row per step: state, attempt, runner, exit code, duration, and why it waits or how it ended.</summary>
    public static TableView Steps(IEnumerable<Step> steps, DateTimeOffset now)
    {
        var table = new TableView("STEP", "STATE", "ATTEMPT", "RUNNER", "EXIT", "DURATION", "DETAIL");
        foreach (var step in steps)
        {
            var attempt = Display.LatestAttempt(step);
            table.Add(
                step.Key,
                Display.Name(step.State),
                attempt is null ? "-" : attempt.Number.ToString(CultureInfo.InvariantCulture),
                string.IsNullOrEmpty(attempt?.RunnerName) ? "-" : attempt.RunnerName,
                step.HasExitCode ? step.ExitCode.ToString(CultureInfo.InvariantCulture) : "-",
                Display.Elapsed(step.StartedAt, step.FinishedAt, now),
                Detail(step));
        }

        return table;
    }

    /// <summary>One row per run, newest first as given (runs list, dev).</summary>
    public static TableView Runs(IEnumerable<Run> runs, DateTimeOffset now)
    {
        var table = new TableView("RUN", "WORKFLOW", "REVISION", "STATE", "ATTEMPT", "CREATED", "DURATION");
        foreach (var run in runs)
        {
            table.Add(
                run.Id.ToString(CultureInfo.InvariantCulture),
                run.WorkflowName,
                run.RevisionId.ToString(CultureInfo.InvariantCulture),
                Display.Name(run.State),
                run.RunAttempt.ToString(CultureInfo.InvariantCulture),
                Display.Time(run.CreatedAt),
                Display.Elapsed(run.StartedAt, run.FinishedAt, now));
        }

        return table;
    }

    /// <summary>Why a step waits, or how it ended.</summary>
    public static string Detail(Step step) =>
        !string.IsNullOrEmpty(step.PendingReason) ? step.PendingReason : !string.IsNullOrEmpty(step.Outcome) ? step.Outcome : string.Empty;
}
