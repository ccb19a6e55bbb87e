using ControlPlane.Contracts.V1;
using ControlPlane.Core.Attempts;
using ControlPlane.Core.Runners;
using ControlPlane.Core.Storage;
using ControlPlane.Server.Scheduling;
using ControlPlane.Server.Scheduling.Runners;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ControlPlane.Server.Runners;

/// <summary>
/// The start of a runner's stream: its hello's labels and capacity replace the registered ones, the session opens,
/// each attempt the agent still holds is granted again under a new epoch (or refused with the reason), and the welcome
/// tells the agent its heartbeat interval and lease duration.
/// </summary>
public sealed class RunnerHandshake
{
    private readonly IStore _store;
    private readonly RunnerConnector _connector;
    private readonly AttemptReporter _reporter;
    private readonly SchedulerOptions _options;
    private readonly ILogger<RunnerHandshake> _logger;

    public RunnerHandshake(IStore store, RunnerConnector connector, AttemptReporter reporter, IOptions<SchedulerOptions> options, ILogger<RunnerHandshake> logger)
    {
        _store = store;
        _connector = connector;
        _reporter = reporter;
        _options = options.Value;
        _logger = logger;
    }

    /// <returns>The open session (the caller disconnects it when the stream ends) and the welcome to send first.</returns>
    /// <exception cref="InvalidRunnerFieldException">The hello's labels or capacity are unusable; nothing was changed.</exception>
    public async Task<(RunnerSession Session, RunnerWelcome Welcome)> OpenAsync(RunnerRecord runner, RunnerHello hello, CancellationToken cancellationToken)
    {
        RunnerFieldRules.CheckLabels(hello.Labels, "hello.labels");
        RunnerFieldRules.CheckCapacity(hello.Capacity, "hello.capacity");
        await using (var unit = await _store.BeginAsync(cancellationToken))
        {
            await unit.Runners.UpdateProfileAsync(runner.Id, [.. hello.Labels], hello.Capacity, cancellationToken);
            await unit.CommitAsync(cancellationToken);
        }

        var session = await _connector.ConnectAsync(runner.Id, cancellationToken);
        var welcome = new RunnerWelcome
        {
            RunnerId = runner.Id.Value,
            HeartbeatInterval = Duration.FromTimeSpan(_options.HeartbeatInterval),
            LeaseDuration = Duration.FromTimeSpan(_options.RunnerLostTimeout),
            Draining = session.Draining,
        };
        try
        {
            foreach (var held in hello.HeldAttempts)
            {
                welcome.Reattached.Add(await ReattachAsync(runner.Id, held, cancellationToken));
            }
        }
        catch
        {
            await _connector.DisconnectAsync(session, CancellationToken.None);
            throw;
        }

        var resumed = welcome.Reattached.Count(r => r.Resumed);
        RunnerProtocolLog.StreamOpened(_logger, runner.Id.Value, hello.HeldAttempts.Count, resumed);
        return (session, welcome);
    }

    private async Task<ReattachResult> ReattachAsync(RunnerId runnerId, HeldAttempt held, CancellationToken cancellationToken)
    {
        var attemptId = new AttemptId(held.AttemptId);
        try
        {
            var lease = await _reporter.ReattachAsync(new AttemptClaim(runnerId, attemptId, held.LeaseEpoch), cancellationToken);
            return await ResumedAsync(attemptId, lease.Epoch, cancellationToken);
        }
        catch (StateConflictException e)
        {
            // An attempt that ended on the agent and whose result the server already holds (its FinishedAck was lost):
            // the epoch stays, so the agent can still ship the rest of the log and repeat its report.
            if (held.Ended && await EndedUnderSameLeaseAsync(runnerId, attemptId, held.LeaseEpoch, cancellationToken))
            {
                return await ResumedAsync(attemptId, held.LeaseEpoch, cancellationToken);
            }

            return NotResumed(runnerId, held, $"conflict: {e.Message}");
        }
        catch (StaleLeaseException e)
        {
            return NotResumed(runnerId, held, $"stale: {e.Message}");
        }
        catch (AttemptNotHeldException e)
        {
            return NotResumed(runnerId, held, $"not held: {e.Message}");
        }
        catch (EntityNotFoundException e)
        {
            return NotResumed(runnerId, held, $"not found: {e.Message}");
        }
    }

    private async Task<bool> EndedUnderSameLeaseAsync(RunnerId runnerId, AttemptId attemptId, long epoch, CancellationToken cancellationToken)
    {
        await using var unit = await _store.BeginReadAsync(cancellationToken);
        var attempt = await unit.Attempts.GetAsync(attemptId, cancellationToken);
        return attempt.RunnerId == runnerId && attempt.LeaseEpoch == epoch && !AttemptStateMachine.IsLive(attempt.State);
    }

    private async Task<ReattachResult> ResumedAsync(AttemptId attemptId, long epoch, CancellationToken cancellationToken)
    {
        await using var unit = await _store.BeginReadAsync(cancellationToken);
        var log = await unit.Logs.GetStatusAsync(attemptId, cancellationToken);
        return new ReattachResult { AttemptId = attemptId.Value, Resumed = true, LeaseEpoch = epoch, LogOffset = log.ReceivedBytes };
    }

    private ReattachResult NotResumed(RunnerId runnerId, HeldAttempt held, string reason)
    {
        RunnerProtocolLog.NotResumed(_logger, runnerId.Value, held.AttemptId, reason);
        return new ReattachResult { AttemptId = held.AttemptId, Resumed = false, LeaseEpoch = held.LeaseEpoch, Reason = reason };
    }
}
