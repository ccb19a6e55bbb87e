using ControlPlane.Core.Attempts;
using ControlPlane.Core.Runners;
using ControlPlane.Core.Runs;
using ControlPlane.Core.Steps;
using ControlPlane.Core.Storage;
using ControlPlane.Server.Metrics;
using ControlPlane.Server.Scheduling.Steps;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ControlPlane.Server.Scheduling.Runners;

/// <summary>
/// Everything a runner session reports about its attempts. The runner protocol maps its stream messages to exactly these
/// calls. Each call is one transaction: the attempt's transition, the step's and their events commit together (or not
/// at all), and only then is the dispatch loop signalled.
/// </summary>
/// <remarks>
/// <para><b>Identity and fencing.</b> Every report is an <see cref="AttemptClaim"/>: the runner of the authenticated
/// stream and the lease epoch it was given. A report by any runner but the attempt's holder throws
/// <see cref="AttemptNotHeldException"/>, one with any other epoch <see cref="StaleLeaseException"/>; either changes
/// nothing, so no runner can speak for another's work and work never completes twice (e.g. a runner that was presumed
/// lost reports after its step was given to another runner). A report about an attempt the server has already ended
/// (cancelled, timed out) throws <see cref="StateConflictException"/>; the runner drops the attempt.</para>
/// <para><b>Concurrency.</b> Safe to call from any number of sessions at once; the store serializes the writes.</para>
/// </remarks>
public sealed partial class AttemptReporter
{
    private readonly IStore _store;
    private readonly RunnerRegistry _registry;
    private readonly SchedulerSignal _signal;
    private readonly SpecCache _specs;
    private readonly StepFailures _failures;
    private readonly TimeProvider _time;
    private readonly SchedulerOptions _options;
    private readonly ILogger<AttemptReporter> _logger;
    private readonly ServerMetrics? _metrics;

    /// <param name="metrics">Records the dispatch latency; null where no metrics are collected (scheduler harnesses).</param>
    internal AttemptReporter(IStore store, RunnerRegistry registry, SchedulerSignal signal, SpecCache specs, StepFailures failures, TimeProvider time, IOptions<SchedulerOptions> options, ILogger<AttemptReporter> logger, ServerMetrics? metrics = null)
    {
        _metrics = metrics;
        _store = store;
        _registry = registry;
        _signal = signal;
        _specs = specs;
        _failures = failures;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>The runner takes the offer: attempt and step are running, and the lease runs for the runner-lost timeout.</summary>
    /// <exception cref="LeaseRefusedException">The claim is not the current lease (the offer expired or went elsewhere).</exception>
    /// <exception cref="StateConflictException">The attempt is no longer offered.</exception>
    public async Task<Lease> AcceptAsync(AttemptClaim claim, CancellationToken cancellationToken)
    {
        var started = await ReportAsync(claim, async (unit, attempt) => (await StartAsync(unit, attempt, cancellationToken), attempt.RunId), cancellationToken);
        RecordStarted(claim, started.ReadyFor);
        return started.Lease;
    }

    /// <summary>
    /// The runner declines the offer (busy, labels changed): the step goes back to the queue, no retry spent, and the
    /// runner is offered nothing for <see cref="SchedulerOptions.RejectBackoff"/> (doubling per reject in a row), so a
    /// busy runner is not offered the same step again and again, each offer a new attempt.
    /// </summary>
    public async Task RejectAsync(AttemptClaim claim, CancellationToken cancellationToken)
    {
        await ReportAsync(claim, async (unit, attempt) =>
        {
            await unit.Attempts.TransitionAsync(attempt.Id, claim.Epoch, AttemptTrigger.Reject, AttemptState.Offered, null, cancellationToken);
            await unit.Steps.TransitionAsync(attempt.StepId, StepTrigger.Reject, StepState.Offered, new StepTransitionDetails { Attempt = attempt.Id }, cancellationToken);
            if (_registry.TryGet(claim.Runner, out var session))
            {
                // Before the commit signals the loop, so its next tick already sees the pause.
                session.Rejected(_time.GetUtcNow(), _options.RejectBackoff, _options.MaxRejectBackoff);
            }

            return (true, attempt.RunId);
        }, cancellationToken);
    }

    /// <summary>
    /// The runner started the work as <paramref name="processRef"/> (pid or container id, recorded so a restarted agent
    /// can find it). Accepts the offer first if the runner did not.
    /// </summary>
    public async Task StartedAsync(AttemptClaim claim, string processRef, CancellationToken cancellationToken)
    {
        var readyFor = await ReportAsync(claim, async (unit, attempt) =>
        {
            TimeSpan? waited = null;
            if (attempt.State == AttemptState.Offered)
            {
                waited = (await StartAsync(unit, attempt, cancellationToken)).ReadyFor;
            }

            await unit.Attempts.RecordProcessAsync(attempt.Id, claim.Epoch, processRef, cancellationToken);
            return (waited, attempt.RunId);
        }, cancellationToken);
        RecordStarted(claim, readyFor);
    }

    /// <summary>
    /// The runner is alive: extends the leases of its running attempts (each under its current epoch) to now plus the
    /// runner-lost timeout. Attempts of a run being cancelled are not extended, so a runner that never confirms a
    /// cancel loses them within that timeout.
    /// </summary>
    /// <returns>The leases as they now stand.</returns>
    /// <exception cref="RunnerNotConnectedException">The runner has no open session (e.g. it was declared lost).</exception>
    public async Task<IReadOnlyList<Lease>> HeartbeatAsync(RunnerId runnerId, CancellationToken cancellationToken)
    {
        if (!_registry.TryGet(runnerId, out _))
        {
            throw new RunnerNotConnectedException(runnerId);
        }

        var expiresAt = _time.GetUtcNow() + _options.RunnerLostTimeout;
        var leases = new List<Lease>();
        await using var unit = await _store.BeginAsync(cancellationToken);
        await unit.Runners.RecordHeartbeatAsync(runnerId, cancellationToken);
        foreach (var attempt in await unit.Attempts.ListLiveByRunnerAsync(runnerId, cancellationToken))
        {
            var running = attempt.State == AttemptState.Running && (await unit.Runs.GetAsync(attempt.RunId, cancellationToken)).State == RunState.Running;
            leases.Add(running
                ? await unit.Attempts.ExtendLeaseAsync(attempt.Id, attempt.LeaseEpoch, expiresAt, cancellationToken)
                : new Lease(attempt.Id, runnerId, attempt.LeaseEpoch, attempt.LeaseExpiresAt ?? expiresAt));
        }

        await unit.CommitAsync(cancellationToken);
        return leases;
    }

    /// <summary>
    /// After a runner or server restart, a reconnected runner resumes an attempt it still runs: the lease is granted
    /// again under a new epoch (which the runner uses from now on), fencing off anything older sessions still send.
    /// The runner may present an epoch older than the stored one: an earlier reattach granted a new epoch but its
    /// Welcome never arrived (the connection broke first). Only a reattach by the attempt's own runner moves the epoch
    /// of a live attempt (revoking a lease ends the attempt; a retry is a new attempt), so an older epoch presented by
    /// that runner for its still-live attempt is its own and is taken as current.
    /// </summary>
    /// <exception cref="AttemptNotHeldException">Another runner holds the attempt.</exception>
    public async Task<Lease> ReattachAsync(AttemptClaim claim, CancellationToken cancellationToken) =>
        await ReportAsync(await OwnCurrentEpochAsync(claim, cancellationToken), async (unit, attempt) =>
        {
            var lease = await unit.Attempts.GrantLeaseAsync(attempt.Id, _time.GetUtcNow() + _options.RunnerLostTimeout, cancellationToken);
            return (lease, attempt.RunId);
        }, cancellationToken);

    private async Task<AttemptClaim> OwnCurrentEpochAsync(AttemptClaim claim, CancellationToken cancellationToken)
    {
        await using var unit = await _store.BeginReadAsync(cancellationToken);
        var attempt = await unit.Attempts.FindAsync(claim.Attempt, cancellationToken);
        return attempt is not null && attempt.RunnerId == claim.Runner && AttemptStateMachine.IsLive(attempt.State) && attempt.LeaseEpoch > claim.Epoch
            ? claim with { Epoch = attempt.LeaseEpoch }
            : claim;
    }

    /// <returns>The lease, and how long the step had been ready (the dispatch latency, recorded once committed).</returns>
    private async Task<(Lease Lease, TimeSpan? ReadyFor)> StartAsync(IUnitOfWork unit, AttemptRecord attempt, CancellationToken cancellationToken)
    {
        await unit.Attempts.TransitionAsync(attempt.Id, attempt.LeaseEpoch, AttemptTrigger.Start, AttemptState.Offered, null, cancellationToken);
        var step = await unit.Steps.TransitionAsync(attempt.StepId, StepTrigger.Start, StepState.Offered, new StepTransitionDetails { Attempt = attempt.Id }, cancellationToken);
        var now = _time.GetUtcNow();
        var lease = await unit.Attempts.ExtendLeaseAsync(attempt.Id, attempt.LeaseEpoch, now + _options.RunnerLostTimeout, cancellationToken);
        return (lease, step.ReadyAt is { } readyAt ? now - readyAt : null);
    }

    private void RecordStarted(AttemptClaim claim, TimeSpan? readyFor)
    {
        if (_registry.TryGet(claim.Runner, out var session))
        {
            session.Accepted();
        }

        if (readyFor is { } latency)
        {
            _metrics?.AttemptStarted(latency);
        }
    }

    /// <summary>
    /// Loads the attempt, checks the claim (holder, then epoch) and that the attempt is live, runs
    /// <paramref name="report"/>, commits and signals.
    /// </summary>
    private async Task<T> ReportAsync<T>(AttemptClaim claim, Func<IUnitOfWork, AttemptRecord, Task<(T Result, RunId Run)>> report, CancellationToken cancellationToken)
    {
        try
        {
            await using var unit = await _store.BeginAsync(cancellationToken);
            var attempt = await unit.Attempts.GetAsync(claim.Attempt, cancellationToken);
            claim.Verify(attempt.RunnerId, attempt.LeaseEpoch);
            if (!AttemptStateMachine.IsLive(attempt.State))
            {
                throw new StateConflictException("attempt", claim.Attempt.ToString(), "offered or running", Core.StateMachines.EnumText.ToText(attempt.State));
            }

            var (result, run) = await report(unit, attempt);
            await unit.CommitAsync(cancellationToken);
            _signal.RunChanged(run);
            return result;
        }
        catch (Exception e) when (e is LeaseRefusedException or StateConflictException)
        {
            SchedulerLog.ReportRefused(_logger, claim.Runner.Value, claim.Attempt.Value, e.Message);
            throw;
        }
    }
}
