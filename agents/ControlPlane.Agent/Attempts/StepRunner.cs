using System.Globalization;
using ControlPlane.Agent.Executors;
using ControlPlane.Agent.Executors.Docker;
using ControlPlane.Agent.Executors.Http;
using ControlPlane.Agent.Executors.Shell;
using ControlPlane.Agent.Executors.Sleep;
using ControlPlane.Contracts.V1;

namespace ControlPlane.Agent.Attempts;

/// <summary>Runs an offered step with the executor its action names.</summary>
internal sealed class StepRunner
{
    private readonly ShellExecutor _shell;
    private readonly DockerExecutor _docker;
    private readonly HttpExecutor _http;
    private readonly SleepExecutor _sleep;
    private readonly string _runnerName;
    private readonly string? _agentInstance;

    /// <param name="agentInstance">The orphan watchdog's marker for this agent life, put in every step's environment.</param>
    public StepRunner(ShellExecutor shell, DockerExecutor docker, HttpExecutor http, SleepExecutor sleep, string runnerName, string? agentInstance)
    {
        _agentInstance = agentInstance;
        _shell = shell;
        _docker = docker;
        _http = http;
        _sleep = sleep;
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
            case StepSpec.ActionOneofCase.Docker:
                var docker = step.Docker;
                return await _docker.RunAsync(
                    new DockerStep(key, docker.Image, _runnerName)
                    {
                        Command = [.. docker.Command],
                        Entrypoint = [.. docker.Entrypoint],
                        Environment = Merge(Environment(offer), docker.Env),
                        WorkingDirectory = string.IsNullOrEmpty(docker.WorkingDir) ? null : docker.WorkingDir,
                        User = string.IsNullOrEmpty(docker.User) ? null : docker.User,
                        Pull = docker.Pull switch
                        {
                            Contracts.V1.PullPolicy.Always => Executors.Docker.PullPolicy.Always,
                            Contracts.V1.PullPolicy.Never => Executors.Docker.PullPolicy.Never,
                            _ => Executors.Docker.PullPolicy.IfMissing,
                        },
                        Mounts = [.. docker.Mounts.Select(m => new Executors.Docker.DockerMount(m.Source, m.Target, m.ReadOnly))],
                        Timeout = timeout,
                    },
                    sink,
                    (container, ct) => onStarted(new StartedWork(null, container), ct),
                    cancellationToken);
            case StepSpec.ActionOneofCase.Http:
                var http = step.Http;
                await onStarted(new StartedWork(null, null), cancellationToken);
                return await _http.RunAsync(
                    new HttpStep(key, http.Method, http.Url)
                    {
                        Headers = new Dictionary<string, string>(http.Headers),
                        Body = string.IsNullOrEmpty(http.Body) ? null : http.Body,
                        ExpectedStatuses = [.. http.ExpectedStatus],
                        RequestTimeout = http.RequestTimeout?.ToTimeSpan() is { } r && r > TimeSpan.Zero ? r : null,
                        Timeout = timeout,
                    },
                    sink,
                    cancellationToken);
            case StepSpec.ActionOneofCase.Sleep:
                await onStarted(new StartedWork(null, null), cancellationToken);
                return await _sleep.RunAsync(new SleepStep(key, step.Sleep.Duration?.ToTimeSpan() ?? TimeSpan.Zero), sink, cancellationToken);
            default:
                return StepResult.CouldNotRun($"this agent cannot run {step.ActionCase} steps");
        }
    }

    private static Dictionary<string, string> Merge(Dictionary<string, string> environment, IDictionary<string, string> overrides)
    {
        foreach (var (name, value) in overrides)
        {
            environment[name] = value;
        }

        return environment;
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
        if (_agentInstance is not null)
        {
            environment[Processes.OrphanWatchdog.InstanceVariable] = _agentInstance;
        }

        return environment;
    }
}
