using System.Globalization;
using ControlPlane.Agent.Executors;
using ControlPlane.Agent.Executors.Shell;
using ControlPlane.Contracts.V1;

namespace ControlPlane.Agent.Attempts;

/// <summary>Runs an offered step with the executor its action names.</summary>
internal sealed class StepRunner
{
    private readonly ShellExecutor _shell;
    private readonly string _runnerName;

    public StepRunner(ShellExecutor shell, string runnerName)
    {
        _shell = shell;
        _runnerName = runnerName;
    }

    /// <summary>Runs the step to its end; see the executors for the contract (results, not exceptions, for step failures).</summary>
    public async Task<StepResult> RunAsync(AttemptOffer offer, AttemptKey key, IStepOutputSink sink, Func<StartedWork, CancellationToken, ValueTask> onStarted, CancellationToken cancellationToken)
    {
        var step = offer.Step;
        var timeout = step.Timeout?.ToTimeSpan() is { } t && t > TimeSpan.Zero ? t : (TimeSpan?)null;
        switch (step.ActionCase)
        {
            case StepSpec.ActionOneofCase.Shell:
                var shell = new ShellStep(key, step.Shell.Script)
                {
                    Shell = step.Shell.Shell == Contracts.V1.Shell.Sh ? ShellKind.Sh : ShellKind.Bash,
                    WorkingDirectory = string.IsNullOrEmpty(step.WorkingDirectory) ? null : step.WorkingDirectory,
                    Environment = Environment(offer),
                    Timeout = timeout,
                };
                return await _shell.RunAsync(shell, sink, (process, ct) => onStarted(new StartedWork(process, null), ct), cancellationToken);
            default:
                return StepResult.CouldNotRun($"this agent cannot run {step.ActionCase} steps");
        }
    }

    /// <summary>The step's variables plus what identifies the work (CP_RUN_ID and the like are added by the executor).</summary>
    private Dictionary<string, string> Environment(AttemptOffer offer)
    {
        var environment = new Dictionary<string, string>(offer.Step.Env, StringComparer.Ordinal)
        {
            ["CP_WORKFLOW"] = offer.Workflow,
            ["CP_STEP_KEY"] = offer.StepKey,
            ["CP_STEP_NAME"] = offer.Step.Name,
            ["CP_ATTEMPT_ID"] = offer.AttemptId.ToString(CultureInfo.InvariantCulture),
            ["CP_RUNNER_NAME"] = _runnerName,
        };
        return environment;
    }
}
