using System.Collections.Concurrent;
using System.Globalization;
using ControlPlane.Agent.Logs.Spool;
using ControlPlane.Agent.Session;
using ControlPlane.Agent.State;
using ControlPlane.Contracts.V1;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Agent.Attempts;

/// <summary>
/// The attempts this agent holds, across sessions: takes offers within capacity, applies what the server says about
/// each attempt (resume, acknowledge, cancel, abort), and tells when the agent is idle. Called by the session's reader,
/// one message at a time; the attempts' own tasks run concurrently.
/// </summary>
internal sealed class AttemptSupervisor
{
    private readonly ConcurrentDictionary<long, AgentAttempt> _attempts = new();
    private readonly AttemptLifecycle _lifecycle;
    private readonly AgentStateStore _state;
    private readonly string _workDir;
    private readonly int _capacity;
    private readonly ILogger _logger;
    private readonly CancellationToken _stopping;

    public AttemptSupervisor(AttemptLifecycle lifecycle, AgentStateStore state, string workDir, int capacity, ILogger logger, CancellationToken stopping)
    {
        _lifecycle = lifecycle;
        _state = state;
        _workDir = workDir;
        _capacity = capacity;
        _logger = logger;
        _stopping = stopping;
    }

    /// <summary>Set when the attempt count drops to zero.</summary>
    public AsyncSignal Emptied { get; } = new();

    /// <summary>A draining agent rejects offers.</summary>
    public bool Draining { get; set; }

    public int Count => _attempts.Count;

    /// <summary>Attempts whose work is still running (not ended).</summary>
    public int Running => _attempts.Values.Count(a => a.End is null);

    /// <summary>What the agent holds, for the Hello of a new session.</summary>
    public IEnumerable<HeldAttempt> Held() => _attempts.Values.Select(a => new HeldAttempt
    {
        AttemptId = a.AttemptId,
        LeaseEpoch = a.Epoch,
        AcknowledgedLogOffset = a.Acknowledged,
        Ended = a.End is not null,
    });

    /// <summary>Adopts an attempt found in the state directory at start (its work already ended or was stopped).</summary>
    public void Adopt(AgentAttempt attempt) => Track(attempt, offer: null);

    /// <summary>Applies the Welcome's answer for each held attempt: resumed under a new epoch, or aborted.</summary>
    public async Task ResumeAsync(AgentSession session, RunnerWelcome welcome, CancellationToken cancellationToken)
    {
        var answers = welcome.Reattached.ToDictionary(r => r.AttemptId);
        foreach (var attempt in _attempts.Values)
        {
            if (answers.TryGetValue(attempt.AttemptId, out var answer) && answer.Resumed)
            {
                if (attempt.Record is { } record && record.LeaseEpoch != answer.LeaseEpoch)
                {
                    await _state.SaveAttemptAsync(record with { LeaseEpoch = answer.LeaseEpoch }, cancellationToken);
                    attempt.Record = record with { LeaseEpoch = answer.LeaseEpoch };
                }

                attempt.Resume(session, answer.LeaseEpoch, answer.LogOffset);
                AgentLog.Reattached(_logger, attempt.AttemptId, answer.LeaseEpoch, answer.LogOffset);
            }
            else
            {
                attempt.Abort(answer?.Reason is { Length: > 0 } reason ? reason : "the server did not resume it");
            }
        }
    }

    /// <summary>Takes the offer (and answers Accept) or answers Reject.</summary>
    public async Task OfferAsync(AgentSession session, AttemptOffer offer, CancellationToken cancellationToken)
    {
        var refusal = Draining ? "the runner is draining"
            : _attempts.ContainsKey(offer.AttemptId) ? "the attempt is already held"
            : Running >= _capacity ? $"the runner is at capacity ({_capacity})"
            : offer.Step.ActionCase == StepSpec.ActionOneofCase.None ? "the step has no action"
            : null;
        if (refusal is not null)
        {
            session.TrySend(new ConnectRequest { Reject = new OfferReject { AttemptId = offer.AttemptId, LeaseEpoch = offer.LeaseEpoch, Reason = refusal } });
            AgentLog.Rejected(_logger, offer.AttemptId, refusal);
            return;
        }

        var key = new AttemptKey(offer.RunId.ToString(CultureInfo.InvariantCulture), offer.StepId.ToString(CultureInfo.InvariantCulture), Math.Max(1, offer.AttemptNumber));
        var workspace = Path.Combine(_workDir, key.RelativePath);
        var spool = await LogSpool.OpenAsync(SpoolDirectory(key), cancellationToken);
        var record = new RunningAttempt(key, workspace) { AttemptId = offer.AttemptId, LeaseEpoch = offer.LeaseEpoch, StartedAt = DateTimeOffset.UtcNow };
        await _state.SaveAttemptAsync(record, cancellationToken);
        var attempt = new AgentAttempt(offer.AttemptId, offer.LeaseEpoch, key, workspace, spool) { Record = record };
        attempt.Resume(session, offer.LeaseEpoch, 0);
        session.TrySend(new ConnectRequest { Accept = new OfferAccept { AttemptId = offer.AttemptId, LeaseEpoch = offer.LeaseEpoch } });
        AgentLog.Accepted(_logger, offer.AttemptId, offer.RunId, offer.StepKey, offer.AttemptNumber, offer.LeaseEpoch);
        Track(attempt, offer);
    }

    public void Acknowledge(LogAck ack) => Find(ack.AttemptId)?.Acknowledge(ack.Offset);

    public void ConfirmFinished(FinishedAck ack) => Find(ack.AttemptId)?.ConfirmFinished();

    public void Cancel(AttemptCancel cancel)
    {
        if (Find(cancel.AttemptId) is { } attempt && attempt.End is null)
        {
            AgentLog.Cancelling(_logger, cancel.AttemptId, cancel.Reason);
            attempt.Cancellation.Cancel();
        }
    }

    public void Abort(AttemptAbort abort) => Find(abort.AttemptId)?.Abort(abort.Reason);

    /// <summary>Stops every running attempt because their leases must have expired (self-fencing); they are reported as lost.</summary>
    public void FenceAll(string reason)
    {
        foreach (var attempt in _attempts.Values.Where(a => a.End is null))
        {
            AgentLog.Fencing(_logger, attempt.AttemptId, reason);
            if (attempt.Fence(reason) is { } process)
            {
                // No grace: another runner may already run this step, and a script that traps SIGINT would go on
                // doing its work (and its side effects). The executor sees the group gone and ends the attempt.
                Processes.ImmediateKill.Group(process);
            }
        }
    }

    /// <summary>Cancels every running attempt (forced shutdown); they are reported as cancelled.</summary>
    public void CancelAll()
    {
        foreach (var attempt in _attempts.Values)
        {
            attempt.Cancellation.Cancel();
        }
    }

    /// <summary>Where an attempt's log spool lives in the state directory.</summary>
    public string SpoolDirectory(AttemptKey key) => Path.Combine(_state.Directory, "spool", key.FileStem);

    private AgentAttempt? Find(long attemptId) => _attempts.GetValueOrDefault(attemptId);

    private void Track(AgentAttempt attempt, AttemptOffer? offer)
    {
        // Tracked before its task starts, so the task's removal can never come first.
        _attempts[attempt.AttemptId] = attempt;
        _ = Task.Run(async () =>
        {
            try
            {
                await _lifecycle.RunAsync(attempt, offer, _stopping);
            }
            finally
            {
                _attempts.TryRemove(attempt.AttemptId, out _);
                if (_attempts.IsEmpty)
                {
                    Emptied.Set();
                }
            }
        }, CancellationToken.None);
    }
}
