using ControlPlane.Core.Attempts;
using ControlPlane.Core.Runners;
using ControlPlane.Core.Runs;
using ControlPlane.Core.Steps;
using ControlPlane.Core.Storage;
using ControlPlane.Core.Workflows;

namespace ControlPlane.Store.Tests.Support;

/// <summary>Puts the rows a test needs in place through the public ports.</summary>
internal static class Seed
{
    public static async Task<RunRecord> RunAsync(IUnitOfWork unit, CancellationToken ct, string workflow = "build", int priority = 0, string? concurrencyKey = null, TimeSpan? timeout = null, string? idempotencyKey = null)
    {
        var revision = await unit.Workflows.SaveRevisionAsync(new NewWorkflowRevision(workflow, $"{workflow}.yaml", $"name: {workflow}\n", $"sha256:{workflow}"), ct);
        return await unit.Runs.CreateAsync(
            new NewRun(revision.WorkflowId, revision.Id, ConcurrencyKey: concurrencyKey, Priority: priority, Timeout: timeout, IdempotencyKey: idempotencyKey),
            ct);
    }

    public static async Task<RunRecord> RunningRunAsync(IUnitOfWork unit, CancellationToken ct, string workflow = "build", int priority = 0, string? concurrencyKey = null, TimeSpan? timeout = null)
    {
        var run = await RunAsync(unit, ct, workflow, priority, concurrencyKey, timeout);
        return await unit.Runs.TransitionAsync(run.Id, RunTrigger.Start, RunState.Queued, null, ct);
    }

    public static Task<IReadOnlyList<StepRecord>> StepsAsync(IUnitOfWork unit, RunId runId, CancellationToken ct, params string[] keys) =>
        unit.Steps.CreatePlanAsync(runId, [.. keys.Select(k => new NewStep(k, [], $$"""{"run":"echo {{k}}"}"""))], ct);

    /// <summary>A new step of the run, moved to ready.</summary>
    public static async Task<StepRecord> ReadyStepAsync(IUnitOfWork unit, RunId runId, string key, CancellationToken ct)
    {
        var step = (await StepsAsync(unit, runId, ct, key))[0];
        return await unit.Steps.TransitionAsync(step.Id, StepTrigger.DependenciesMet, StepState.Pending, null, ct);
    }

    public static Task<RunnerRecord> RunnerAsync(IUnitOfWork unit, CancellationToken ct, string name = "runner-1", int capacity = 2) =>
        unit.Runners.RegisterAsync(new NewRunner(name, RunnerTokens.Issue().Hash, ["linux", "x64"], capacity), ct);

    /// <summary>Offers a ready step to the runner: the attempt and the step's Offer transition, as the dispatcher does.</summary>
    public static async Task<AttemptRecord> OfferAsync(IUnitOfWork unit, StepId stepId, RunnerId runnerId, DateTimeOffset leaseExpiresAt, CancellationToken ct)
    {
        var attempt = await unit.Attempts.OfferAsync(new NewAttempt(stepId, runnerId, leaseExpiresAt), ct);
        await unit.Steps.TransitionAsync(stepId, StepTrigger.Offer, StepState.Ready, new StepTransitionDetails { Attempt = attempt.Id }, ct);
        return attempt;
    }

    /// <summary>A running run with one ready step and a registered runner.</summary>
    public static async Task<(RunRecord Run, StepRecord Step, RunnerRecord Runner)> ReadyWorkAsync(IUnitOfWork unit, CancellationToken ct)
    {
        var run = await RunningRunAsync(unit, ct);
        var step = await ReadyStepAsync(unit, run.Id, "compile", ct);
        var runner = await RunnerAsync(unit, ct);
        return (run, step, runner);
    }
}
