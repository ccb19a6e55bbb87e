using System.Text.Json;
using ControlPlane.Core.Attempts;
using ControlPlane.Core.Definitions;
using ControlPlane.Core.Events;
using ControlPlane.Core.Runs;
using ControlPlane.Core.StateMachines;
using ControlPlane.Core.Steps;
using ControlPlane.Core.Storage;
using ControlPlane.Core.Workflows;

namespace ControlPlane.Server.Notifications;

/// <summary>
/// Reads what a notification needs from a unit of work: the run, its workflow's name and notify targets, the step.
/// Names and targets are cached by id: a workflow's name and a revision's content never change.
/// Used by the feeder's loop only (not thread-safe).
/// </summary>
internal sealed class NoticeReader
{
    private readonly Dictionary<WorkflowId, string> _names = [];
    private readonly Dictionary<WorkflowRevisionId, IReadOnlyList<NotifyTarget>> _targets = [];

    /// <returns>Null when the run is gone (nothing to tell).</returns>
    public async Task<RunNotice?> ReadAsync(IUnitOfWork unit, EventRecord record, string notificationEvent, CancellationToken cancellationToken)
    {
        if (record.RunId is not { } runId || await unit.Runs.FindAsync(runId, cancellationToken) is not { } run)
        {
            return null;
        }

        var workflow = await WorkflowNameAsync(unit, run.WorkflowId, cancellationToken);
        StepNotice? step = null;
        StepNotice? failing = null;
        if (notificationEvent == "step.finished" && record.StepId is { } stepId && await unit.Steps.FindAsync(stepId, cancellationToken) is { } stepRecord)
        {
            step = await StepAsync(unit, stepRecord, cancellationToken);
        }
        else if (notificationEvent == "run.failed")
        {
            var steps = await unit.Steps.ListByRunAsync(runId, cancellationToken);
            var first = steps.Where(s => s.State == StepState.Failed).OrderBy(s => s.FinishedAt).FirstOrDefault();
            failing = first is null ? null : await StepAsync(unit, first, cancellationToken);
        }

        return new RunNotice(notificationEvent, run, workflow, record.ToState ?? EnumText.ToText(run.State), run.RevisionId.Value, failing, step, Reason(record.DataJson));
    }

    public async Task<string> WorkflowNameAsync(IUnitOfWork unit, WorkflowId id, CancellationToken cancellationToken)
    {
        if (!_names.TryGetValue(id, out var name))
        {
            name = (await unit.Workflows.FindAsync(id, cancellationToken))?.Name ?? id.ToString();
            _names[id] = name;
        }

        return name;
    }

    /// <summary>The revision's <c>notify:</c> targets; none if its source no longer loads (it did when applied).</summary>
    public async Task<IReadOnlyList<NotifyTarget>> TargetsAsync(IUnitOfWork unit, WorkflowRevisionId id, CancellationToken cancellationToken)
    {
        if (_targets.TryGetValue(id, out var targets))
        {
            return targets;
        }

        targets = [];
        if (await unit.Workflows.FindRevisionAsync(id, cancellationToken) is { } revision)
        {
            try
            {
                targets = WorkflowLoader.Load(revision.FileName, revision.Source, WorkflowLoadOptions.Stored).Notify;
            }
            catch (Core.Diagnostics.WorkflowValidationException)
            {
                // A revision stored by an older server may not load under today's rules; it just has no targets.
            }
        }

        _targets[id] = targets;
        return targets;
    }

    private static async Task<StepNotice> StepAsync(IUnitOfWork unit, StepRecord step, CancellationToken cancellationToken)
    {
        var attempts = await unit.Attempts.ListByStepAsync(step.Id, cancellationToken);
        var last = attempts.OrderBy(a => a.Number).LastOrDefault();
        var failureClass = step.State == StepState.Failed && last?.FailureClass is { } fc ? EnumText.ToText(fc) : null;
        return new StepNotice(
            step.Key,
            EnumText.ToText(step.State),
            step.ExitCode ?? last?.ExitCode,
            failureClass,
            Message(step, last),
            attempts.Count,
            step.StartedAt,
            step.FinishedAt);
    }

    private static string? Message(StepRecord step, AttemptRecord? last) =>
        step.State switch
        {
            StepState.Failed => last?.FailureClass switch
            {
                FailureClass.ExitCode => $"exited with code {last.ExitCode}",
                FailureClass.Timeout => "timed out",
                FailureClass.RunnerLost => "its runner was lost",
                FailureClass.Error => "could not be started by its runner",
                _ => step.PendingReason ?? "failed",
            },
            StepState.Skipped => "skipped by its condition or a failed need",
            StepState.Cancelled => "cancelled",
            _ => null,
        };

    private static string? Reason(string? dataJson)
    {
        if (dataJson is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(dataJson);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String
                ? reason.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
