using ControlPlane.Core.Attempts;
using ControlPlane.Core.Storage;
using ControlPlane.Server.Scheduling.Runners;

namespace ControlPlane.Bench.Scheduling;

/// <summary>
/// An in-process runner session for measurements: it takes every offer and reports it accepted and succeeded at once,
/// through the same <see cref="AttemptReporter"/> calls the runner protocol makes. Nothing is executed.
/// </summary>
internal static class LoopbackRunner
{
    /// <returns>How many attempts it finished, when the session closes or <paramref name="cancellationToken"/> fires.</returns>
    public static async Task<int> PumpAsync(RunnerSession session, AttemptReporter reporter, CancellationToken cancellationToken)
    {
        var finished = 0;
        try
        {
            await foreach (var command in session.Commands.ReadAllAsync(cancellationToken))
            {
                if (command is not OfferCommand offer)
                {
                    continue;
                }

                try
                {
                    await reporter.AcceptAsync(offer.Claim, cancellationToken);
                    await reporter.FinishedAsync(offer.Claim, 0, AttemptOutcome.Succeeded, null, null, cancellationToken);
                    finished++;
                }
                catch (Exception e) when (e is LeaseRefusedException or StateConflictException)
                {
                    // An offer that expired before it was taken; a real runner drops it too.
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        return finished;
    }
}
