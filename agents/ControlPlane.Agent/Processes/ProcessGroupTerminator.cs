using ControlPlane.Agent.Native;

namespace ControlPlane.Agent.Processes;

/// <summary>
/// Stops every process of a <see cref="ProcessGroupTarget"/>: each signal goes to the whole group, then the process
/// table is polled until no member is alive or the grace runs out, and the next signal follows. Zombies count as gone:
/// they run nothing, and where pid 1 does not reap orphans they would otherwise never leave.
/// </summary>
internal sealed class ProcessGroupTerminator(ProcessTerminationOptions options, TimeProvider timeProvider)
{
    /// <summary>Escalates from <paramref name="firstSignal"/> (SIGINT or SIGTERM) to SIGKILL; returns once the group is gone.</summary>
    /// <param name="cancellationToken">Abandons the wait (the signals already sent stay sent).</param>
    public async Task<TerminationReport> TerminateAsync(ProcessGroupTarget target, UnixSignal firstSignal, CancellationToken cancellationToken)
    {
        var sent = new List<UnixSignal>();
        var found = 0;
        var polite = firstSignal == UnixSignal.Interrupt
            ? new[] { (UnixSignal.Interrupt, options.InterruptGrace), (UnixSignal.Terminate, options.TerminateGrace) }
            : [(UnixSignal.Terminate, options.TerminateGrace)];
        foreach (var (signal, grace) in polite)
        {
            var members = target.FindMembers(ProcessTable.Snapshot());
            if (members.Count == 0)
            {
                return new TerminationReport(sent, found, []);
            }

            found = Math.Max(found, members.Count);
            target.Signal(members, signal);
            sent.Add(signal);
            if (await WaitUntilGoneAsync(target, grace, cancellationToken))
            {
                return new TerminationReport(sent, found, []);
            }
        }

        return await KillAsync(target, sent, found, cancellationToken);
    }

    /// <summary>Polls until no member is alive; false when <paramref name="within"/> ran out first.</summary>
    public async Task<bool> WaitUntilGoneAsync(ProcessGroupTarget target, TimeSpan within, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        while (true)
        {
            if (target.FindMembers(ProcessTable.Snapshot()).Count == 0)
            {
                return true;
            }

            var remaining = within - timeProvider.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                return false;
            }

            await Task.Delay(remaining < options.PollInterval ? remaining : options.PollInterval, timeProvider, cancellationToken);
        }
    }

    // SIGKILL is re-sent on every poll: a member may have forked between the scan and the signal.
    private async Task<TerminationReport> KillAsync(ProcessGroupTarget target, List<UnixSignal> sent, int found, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        while (true)
        {
            var members = target.FindMembers(ProcessTable.Snapshot());
            if (members.Count == 0)
            {
                return new TerminationReport(sent, found, []);
            }

            if (timeProvider.GetElapsedTime(started) >= options.KillTimeout)
            {
                return new TerminationReport(sent, found, [.. members.Select(m => m.Pid)]);
            }

            target.Signal(members, UnixSignal.Kill);
            if (!sent.Contains(UnixSignal.Kill))
            {
                sent.Add(UnixSignal.Kill);
            }

            await Task.Delay(options.PollInterval, timeProvider, cancellationToken);
        }
    }
}
