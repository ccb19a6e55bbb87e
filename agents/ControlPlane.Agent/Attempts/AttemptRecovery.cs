using System.Text;
using ControlPlane.Agent.Executors;
using ControlPlane.Agent.Executors.Docker;
using ControlPlane.Agent.Logs;
using ControlPlane.Agent.Logs.Spool;
using ControlPlane.Agent.Processes;
using ControlPlane.Agent.State;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Agent.Attempts;

/// <summary>
/// At start, takes over the attempts a previous life of the agent left in the state directory. Work that was still
/// running is stopped: its output went through pipes that died with the old agent, so it can no longer be observed
/// or logged, and letting it run unobserved could make it finish twice. Such an attempt is reported as failed with
/// failure class runner_lost (the server's retry policy places it again), after shipping the log it had spooled plus a
/// line saying what happened. Attempts that had ended are reported as they ended.
/// </summary>
internal sealed class AttemptRecovery
{
    private readonly AgentStateStore _state;
    private readonly AttemptSupervisor _attempts;
    private readonly ProcessReattacher _processes;
    private readonly DockerJanitor _containers;
    private readonly TimeSpan _stopGrace;
    private readonly ILogger _logger;

    public AttemptRecovery(AgentStateStore state, AttemptSupervisor attempts, ProcessReattacher processes, DockerJanitor containers, TimeSpan stopGrace, ILogger logger)
    {
        _state = state;
        _attempts = attempts;
        _processes = processes;
        _containers = containers;
        _stopGrace = stopGrace;
        _logger = logger;
    }

    /// <returns>How many attempts were taken over.</returns>
    public async Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        var records = await _state.LoadAttemptsAsync(cancellationToken);
        await SweepContainersAsync(cancellationToken);
        foreach (var record in records)
        {
            var spool = await LogSpool.OpenAsync(_attempts.SpoolDirectory(record.Attempt), cancellationToken);
            var current = record;
            if (record.End is null)
            {
                var what = await StopAsync(record, cancellationToken);
                AgentLog.LostOnRestart(_logger, record.AttemptId, record.Attempt.RunId, record.Attempt.StepId, record.Attempt.Attempt, what);
                if (spool.Summary is null)
                {
                    var line = $"\n[cp-agent] the agent restarted while this step ran; {what}. The attempt counts as lost.\n";
                    await spool.AppendAsync(LogStream.System, Encoding.UTF8.GetBytes(line), cancellationToken);
                }

                current = record with { End = new AttemptEnd(StepOutcome.Failed, FailureClass.Error, null, new Dictionary<string, string>(), "the agent restarted while the step ran", RunnerLost: true) };
                await _state.SaveAttemptAsync(current, cancellationToken);
            }

            await spool.CompleteAsync(cancellationToken);
            _attempts.Adopt(new AgentAttempt(current.AttemptId, current.LeaseEpoch, current.Attempt, current.Workspace, spool) { Record = current });
        }

        return records.Count;
    }

    /// <summary>Every container labelled with this runner is from a previous life: none of this life has started yet.</summary>
    private async Task SweepContainersAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (var leftover in await _containers.SweepAsync(_stopGrace, cancellationToken))
            {
                AgentLog.ContainerRemoved(_logger, leftover.ContainerId);
            }
        }
        catch (DockerEngineException e)
        {
            // No docker on this host (or not reachable): there is nothing of ours to remove.
            AgentLog.DockerUnavailable(_logger, e.Message);
        }
    }

    private async Task<string> StopAsync(RunningAttempt record, CancellationToken cancellationToken)
    {
        if (record.Process is { } process)
        {
            try
            {
                var report = await _processes.KillAsync(process, cancellationToken);
                return report.SignalsSent.Count == 0 ? "its process had already exited" : "its processes were stopped";
            }
            catch (ProcessNotOursException)
            {
                return "its process had already exited";
            }
        }

        if (record.ContainerId is { } container)
        {
            return $"its container {container[..Math.Min(12, container.Length)]} was removed";
        }

        return "it had not started";
    }
}
