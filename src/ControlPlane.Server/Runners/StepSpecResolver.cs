using ControlPlane.Contracts.V1;
using ControlPlane.Server.Scheduling.Runners;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging;
using Defs = ControlPlane.Core.Definitions;

namespace ControlPlane.Server.Runners;

/// <summary>
/// Turns an offered planned step into the <see cref="StepSpec"/> an agent runs: every expression left for run time
/// (<c>steps.*</c>, <c>env.*</c>, <c>secrets.*</c>, <c>run.*</c>) evaluated, and the values of the secrets the step
/// declares listed for masking. A secret missing from the secrets file reads as an empty string, as in GitHub Actions.
/// </summary>
public sealed class StepSpecResolver
{
    private readonly SecretValues _secrets;
    private readonly ILogger<StepSpecResolver> _logger;

    public StepSpecResolver(SecretValues secrets, ILogger<StepSpecResolver> logger)
    {
        _secrets = secrets;
        _logger = logger;
    }

    /// <exception cref="StepResolutionException">A field cannot be evaluated; the message names it.</exception>
    public StepSpec Resolve(OfferCommand offer, OfferContext offerContext)
    {
        var step = offerContext.Step;
        var secrets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in step.Secrets)
        {
            if (_secrets.TryGet(name, out var value))
            {
                secrets[name] = value;
            }
            else
            {
                secrets[name] = string.Empty;
                RunnerProtocolLog.SecretMissing(_logger, offer.RunId.Value, offer.StepId.Value, name);
            }
        }

        var raw = new TemplateResolver(offerContext.Context with { Secrets = secrets });
        var env = raw.ResolveMap("env", step.Env);
        var templates = new TemplateResolver(raw.Context with { Env = env });
        var spec = new StepSpec
        {
            Name = templates.Resolve("name", step.Name),
            WorkingDirectory = templates.ResolveOptional("working_directory", step.WorkingDirectory) ?? string.Empty,
        };
        if (step.Timeout > TimeSpan.Zero)
        {
            spec.Timeout = Duration.FromTimeSpan(step.Timeout);
        }

        spec.Env.Add(env);
        spec.MaskValues.AddRange(secrets.Values.Where(v => v.Length > 0).Distinct(StringComparer.Ordinal));
        switch (step.Action)
        {
            case Defs.RunAction run:
                spec.Shell = new ShellAction { Script = templates.Resolve("run", run.Script), Shell = run.Shell == Defs.ShellKind.Sh ? Shell.Sh : Shell.Bash };
                break;
            case Defs.DockerAction docker:
                spec.Docker = Docker(docker, templates);
                break;
            case Defs.HttpAction http:
                spec.Http = Http(http, templates);
                break;
            case Defs.SleepAction sleep:
                spec.Sleep = new SleepAction { Duration = Duration.FromTimeSpan(sleep.Duration) };
                break;
            default:
                throw new StepResolutionException($"the action '{step.Action.Kind}' is not supported by the runner protocol");
        }

        return spec;
    }

    private static DockerAction Docker(Defs.DockerAction docker, TemplateResolver templates)
    {
        var action = new DockerAction
        {
            Image = templates.Resolve("docker.image", docker.Image),
            WorkingDir = templates.ResolveOptional("docker.working_dir", docker.WorkingDir) ?? string.Empty,
            User = templates.ResolveOptional("docker.user", docker.User) ?? string.Empty,
            Pull = docker.Pull switch
            {
                Defs.PullPolicy.Always => PullPolicy.Always,
                Defs.PullPolicy.Never => PullPolicy.Never,
                _ => PullPolicy.Unspecified,
            },
        };
        action.Command.AddRange(templates.ResolveList("docker.command", docker.Command));
        action.Entrypoint.AddRange(templates.ResolveList("docker.entrypoint", docker.Entrypoint));
        action.Env.Add(templates.ResolveMap("docker.env", docker.Env));
        action.Mounts.AddRange(docker.Mounts.Select(m => new DockerMount { Source = m.Source, Target = m.Target, ReadOnly = m.ReadOnly }));
        return action;
    }

    private static HttpAction Http(Defs.HttpAction http, TemplateResolver templates)
    {
        var action = new HttpAction
        {
            Method = http.Method,
            Url = templates.Resolve("http.url", http.Url),
            Body = templates.ResolveOptional("http.body", http.Body) ?? string.Empty,
        };
        action.Headers.Add(templates.ResolveMap("http.headers", http.Headers));
        action.ExpectedStatus.AddRange(http.ExpectedStatus);
        if (http.RequestTimeout is { } timeout)
        {
            action.RequestTimeout = Duration.FromTimeSpan(timeout);
        }

        return action;
    }
}
