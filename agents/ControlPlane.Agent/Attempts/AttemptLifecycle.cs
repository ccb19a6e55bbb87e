using ControlPlane.Agent.Logs;
using ControlPlane.Agent.Logs.Batching;
using ControlPlane.Agent.Logs.Masking;
using ControlPlane.Agent.Processes;
using ControlPlane.Agent.State;
using ControlPlane.Contracts.V1;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Agent.Attempts;

/// <summary>
/// Carries one attempt through the agent: runs the work (when it has not ended yet), ships its log from the spool
/// through whichever session holds the attempt, reports the result once every log byte is acknowledged, and forgets
/// the attempt (state record, spool, workspace) once the server has confirmed it. A connection drop only pauses
/// shipping: it resumes where the server's acknowledgement says after the next reattach.
/// </summary>
internal sealed class AttemptLifecycle
{
    // Unacknowledged bytes in flight per attempt; beyond this the shipper waits for acks.
    private const long ShipWindow = 8 * 1024 * 1024;
    private const int ReadSize = 1024 * 1024;

    private readonly StepRunner _runner;
    private readonly AgentStateStore _state;
    private readonly LogBatcherOptions _batching;
    private readonly TimeProvider _time;
    private readonly OrphanWatchdog? _watchdog;
    private readonly ILogger _logger;

    public AttemptLifecycle(StepRunner runner, AgentStateStore state, LogBatcherOptions batching, TimeProvider time, OrphanWatchdog? watchdog, ILogger logger)
    {
        _watchdog = watchdog;
        _runner = runner;
        _state = state;
        _batching = batching;
        _time = time;
        _logger = logger;
    }

    /// <summary>Steps run as a step user, whose files in the workspace are removed with care (see <see cref="AttemptDirectoryRemover"/>).</summary>
    public bool StepsRunAsOtherUser { get; init; }

    /// <summary>
    /// The agent's own secrets (its runner token, the registration token), masked in every step's log beside the
    /// step's own secrets: a step must not be able to print its runner's credentials into a log others read.
    /// </summary>
    public AgentSecrets Secrets { get; init; } = new();

    /// <summary>Runs the attempt to its end and beyond (see the class). <paramref name="offer"/> is null for an attempt that already ended.</summary>
    public async Task RunAsync(AgentAttempt attempt, AttemptOffer? offer, CancellationToken stopping)
    {
        try
        {
            var shipping = ShipAndReportAsync(attempt, stopping);
            if (attempt.End is null && offer is not null)
            {
                await ExecuteAsync(attempt, offer, stopping);
            }

            await shipping;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The agent stops; the state directory keeps the attempt for the next start.
            return;
        }
        catch (Exception e)
        {
            AgentLog.AttemptCrashed(_logger, attempt.AttemptId, e);
            return;
        }

        await ForgetAsync(attempt);
    }

    private async Task ExecuteAsync(AgentAttempt attempt, AttemptOffer offer, CancellationToken stopping)
    {
        var masker = new SecretMasker([.. offer.Step.MaskValues, .. Secrets.Values]);
        await using var writer = new AttemptLogWriter(attempt.Spool, masker, _batching, _time);
        var pumping = SignalDurableBatchesAsync(writer, attempt);
        ProcessIdentity? watched = null;
        Executors.StepResult result;
        try
        {
            result = await _runner.RunAsync(
                offer,
                attempt.Key,
                writer,
                (work, _) =>
                {
                    watched = work.Process;
                    return RecordStartAsync(attempt, work);
                },
                attempt.Cancellation.Token);
        }
        finally
        {
            // The executor returns (or throws) only once the whole group is gone; forgotten by the identity the
            // watchdog was given, whether or not the start's record was saved.
            if (watched is not null)
            {
                _watchdog?.Forget(watched);
            }
        }

        if (attempt.AbortReason is null && result.Warnings.Count > 0)
        {
            await writer.WriteAsync(Logs.LogStream.System, System.Text.Encoding.UTF8.GetBytes(string.Concat(result.Warnings.Select(w => $"[cp-agent] {w}\n"))), stopping);
        }

        var end = AttemptReports.ToEnd(result);
        if (attempt.FenceReason is { } fenced && attempt.AbortReason is null && result.Outcome != Executors.StepOutcome.Succeeded)
        {
            // Work the fence stopped is not the step's failure: reported as lost, the server's retry policy places it again.
            await writer.WriteAsync(Logs.LogStream.System, System.Text.Encoding.UTF8.GetBytes($"\n[cp-agent] stopped: {fenced}. The attempt counts as lost.\n"), stopping);
            end = end with { Outcome = Executors.StepOutcome.Failed, FailureClass = Executors.FailureClass.Error, Error = fenced, RunnerLost = true };
        }

        await writer.SealAsync(stopping);
        await pumping;
        await SaveAsync(attempt, attempt.Record! with { End = end }, stopping);
        AgentLog.Ended(_logger, attempt.AttemptId, attempt.Key.RunId, attempt.Key.StepId, attempt.Key.Attempt, end.Outcome.ToString(), end.ExitCode);
        attempt.Changed.Set();
    }

    private async ValueTask RecordStartAsync(AgentAttempt attempt, StartedWork work)
    {
        // Watched first (a pipe write) so the window in which an agent crash would orphan the group is as small as can
        // be; then recorded before it is reported, so a restarted agent can find the work again.
        if (work.Process is { } process)
        {
            _watchdog?.Watch(process);
        }

        // Saved whatever the attempt's cancellation: the fence and a cancel cancel the attempt's token, and a save
        // abandoned on it would leave the group unrecorded, so neither side would SIGKILL it and the executor would
        // stop it with the graces while another runner may already run the step. The write is one small file.
        var started = attempt.Record! with { Process = work.Process, ContainerId = work.ContainerId };
        await _state.SaveAttemptAsync(started, CancellationToken.None);
        if (attempt.RecordStarted(started) && work.Process is { } fenced)
        {
            // Fenced while the start was being recorded: the fence found no group to kill yet.
            ImmediateKill.Group(fenced);
        }

        attempt.Session?.TrySend(AttemptReports.Started(attempt, work));
    }

    private static async Task SignalDurableBatchesAsync(AttemptLogWriter writer, AgentAttempt attempt)
    {
        try
        {
            await foreach (var _ in writer.DurableBatches.ReadAllAsync())
            {
                attempt.Changed.Set();
            }
        }
        catch (IOException)
        {
            // The writer fails the step itself; shipping sends what is durable.
        }

        attempt.Changed.Set();
    }

    private static async Task ShipAndReportAsync(AgentAttempt attempt, CancellationToken stopping)
    {
        Session.AgentSession? reportedIn = null;
        while (attempt.AbortReason is null && !attempt.FinishedAcknowledged)
        {
            var changed = attempt.Changed.Next;
            var session = attempt.Session;
            if (session is not null)
            {
                var shipped = attempt.Shipped;
                if (shipped < attempt.Spool.DurableLength && shipped - attempt.Acknowledged < ShipWindow)
                {
                    foreach (var chunk in await attempt.Spool.ReadAsync(shipped, ReadSize, stopping))
                    {
                        if (!session.TrySend(AttemptReports.Chunk(attempt, chunk)))
                        {
                            break;
                        }

                        attempt.MarkShipped(chunk.EndOffset);
                    }

                    continue;
                }

                if (attempt.End is { } end && attempt.Spool.Summary is { } log && attempt.Acknowledged >= log.Length && !ReferenceEquals(reportedIn, session))
                {
                    session.TrySend(AttemptReports.Finished(attempt, end, log));
                    reportedIn = session;
                }
            }

            await Task.WhenAny(changed, session?.Closed ?? Task.Delay(Timeout.Infinite, stopping)).WaitAsync(stopping);
        }
    }

    private async Task ForgetAsync(AgentAttempt attempt)
    {
        if (attempt.AbortReason is { } reason)
        {
            AgentLog.Aborted(_logger, attempt.AttemptId, reason);
        }
        else
        {
            AgentLog.Reported(_logger, attempt.AttemptId, attempt.Spool.Summary?.Length ?? 0);
        }

        await attempt.Spool.DisposeAsync();
        await _state.RemoveAttemptAsync(attempt.Key, CancellationToken.None);
        await AttemptDirectoryRemover.RemoveAsync(attempt.Spool.Directory, ownedByStepUser: false);
        if (await AttemptDirectoryRemover.RemoveAsync(attempt.Workspace, StepsRunAsOtherUser))
        {
            AttemptDirectoryRemover.RemoveEmptyParents(attempt.Workspace);
        }
    }

    private async Task SaveAsync(AgentAttempt attempt, RunningAttempt record, CancellationToken cancellationToken)
    {
        await _state.SaveAttemptAsync(record, cancellationToken);
        attempt.Record = record;
    }
}
