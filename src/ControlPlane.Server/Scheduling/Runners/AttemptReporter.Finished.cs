using System.Text.Json;
using ControlPlane.Core.Attempts;
using ControlPlane.Core.Runs;
using ControlPlane.Core.Scheduling;
using ControlPlane.Core.Steps;
using ControlPlane.Core.Storage;

namespace ControlPlane.Server.Scheduling.Runners;

/// <summary>The end of an attempt, as its runner reports it.</summary>
public sealed partial class AttemptReporter
{
    /// <summary>
    /// The attempt ended. Success finishes the step with its outputs (the step's <c>outputs</c> templates evaluated over
    /// <paramref name="outputs"/>). A failure goes to the step's retry policy: another attempt after a backoff, or the
    /// step fails. A cancel the run asked for cancels the step; a cancel nobody asked for counts as a failure (class
    /// error). In a run that is no longer running, an unsuccessful step is cancelled rather than retried.
    /// </summary>
    /// <param name="failureClass">Why it failed; by default exit_code for a non-zero exit code, else error.</param>
    /// <param name="outputs">The name=value pairs the work wrote to its output file.</param>
    /// <exception cref="LeaseRefusedException">Another runner holds the attempt, or the epoch is not current: the report is refused, nothing changes.</exception>
    /// <exception cref="StateConflictException">The server already ended the attempt (cancelled or timed out).</exception>
    public Task FinishedAsync(
        AttemptClaim claim,
        int? exitCode,
        AttemptOutcome outcome,
        FailureClass? failureClass,
        IReadOnlyDictionary<string, string>? outputs,
        CancellationToken cancellationToken) =>
        FinishedAsync(claim, exitCode, outcome, failureClass, outputs, null, cancellationToken);

    /// <inheritdoc cref="FinishedAsync(AttemptClaim, int?, AttemptOutcome, FailureClass?, IReadOnlyDictionary{string, string}?, CancellationToken)"/>
    /// <param name="error">What went wrong, in the runner's (or the server's) words; recorded as the attempt's outcome.</param>
    public async Task FinishedAsync(
        AttemptClaim claim,
        int? exitCode,
        AttemptOutcome outcome,
        FailureClass? failureClass,
        IReadOnlyDictionary<string, string>? outputs,
        string? error,
        CancellationToken cancellationToken)
    {
        try
        {
            await ReportAsync(claim, async (unit, attempt) =>
            {
                var step = await unit.Steps.GetAsync(attempt.StepId, cancellationToken);
                if (outcome == AttemptOutcome.Succeeded)
                {
                    await SucceedAsync(unit, attempt, step, exitCode, outputs ?? new Dictionary<string, string>(), cancellationToken);
                }
                else
                {
                    await FailAsync(unit, attempt, exitCode, outcome, failureClass, error, cancellationToken);
                }

                return (true, attempt.RunId);
            }, cancellationToken);
        }
        catch (StateConflictException)
        {
            // Its holder reports the end of an attempt the server ended first (timeout, cancel): refused, but the
            // runner's slot is free now.
            Release(claim, endedByServer: true);
            throw;
        }

        Release(claim, endedByServer: false);
    }

    private void Release(AttemptClaim claim, bool endedByServer)
    {
        if (_registry.TryGet(claim.Runner, out var session) && session.Released(claim.Attempt, endedByServer))
        {
            _signal.Wake();
        }
    }

    private async Task SucceedAsync(IUnitOfWork unit, AttemptRecord attempt, StepRecord step, int? exitCode, IReadOnlyDictionary<string, string> outputs, CancellationToken cancellationToken)
    {
        if (attempt.State == AttemptState.Offered)
        {
            await StartAsync(unit, attempt, cancellationToken);
        }

        var evaluated = StepOutputs.Evaluate(_specs.Step(step), outputs, exitCode);
        await unit.Attempts.TransitionAsync(attempt.Id, attempt.LeaseEpoch, AttemptTrigger.Succeed, AttemptState.Running, new AttemptTransitionDetails { ExitCode = exitCode, Outcome = "succeeded" }, cancellationToken);
        await unit.Steps.TransitionAsync(
            step.Id,
            StepTrigger.Succeed,
            StepState.Running,
            new StepTransitionDetails { Attempt = attempt.Id, ExitCode = exitCode, Outcome = "succeeded", OutputsJson = JsonSerializer.Serialize(evaluated) },
            cancellationToken);
    }

    private async Task FailAsync(IUnitOfWork unit, AttemptRecord attempt, int? exitCode, AttemptOutcome outcome, FailureClass? failureClass, string? error, CancellationToken cancellationToken)
    {
        var run = await unit.Runs.GetAsync(attempt.RunId, cancellationToken);
        var cancelled = outcome == AttemptOutcome.Cancelled;
        var failure = failureClass ?? (exitCode is { } code && code != 0 && !cancelled ? FailureClass.ExitCode : FailureClass.Error);
        var text = cancelled ? "cancelled by the runner" : Describe(failure, exitCode, error);
        var ended = await unit.Attempts.TransitionAsync(
            attempt.Id,
            attempt.LeaseEpoch,
            cancelled ? AttemptTrigger.Cancel : AttemptTrigger.Fail,
            attempt.State,
            new AttemptTransitionDetails { ExitCode = exitCode, Outcome = text, FailureClass = cancelled ? null : failure },
            cancellationToken);
        if (cancelled && run.State != RunState.Running)
        {
            await unit.Steps.TransitionAsync(attempt.StepId, StepTrigger.Cancel, attempt.State == AttemptState.Offered ? StepState.Offered : StepState.Running, new StepTransitionDetails { Attempt = attempt.Id, Outcome = "cancelled" }, cancellationToken);
            return;
        }

        await _failures.HandleAsync(unit, ended, failure, exitCode, text, cancellationToken);
    }

    private static string Describe(FailureClass failure, int? exitCode, string? error) => failure switch
    {
        FailureClass.Error when !string.IsNullOrWhiteSpace(error) => $"error: {error}",
        FailureClass.ExitCode => $"exited with code {exitCode}",
        FailureClass.Timeout => "timed out",
        FailureClass.RunnerLost => "runner lost",
        _ => exitCode is { } code ? $"error (exit code {code})" : "error",
    };
}
