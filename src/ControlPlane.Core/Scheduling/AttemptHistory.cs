using ControlPlane.Core.Attempts;
using ControlPlane.Core.Retries;

namespace ControlPlane.Core.Scheduling;

/// <summary>Reads a step's attempts the way its retry policy counts them.</summary>
/// <remarks>
/// An offer the runner rejected or never answered is not an attempt at the work: nothing ran and no retry was
/// spent (the step simply went back to the queue). Those attempt rows are skipped when counting, so
/// <c>retry.attempts: 3</c> means three tries at the work however many offers it took.
/// </remarks>
public static class AttemptHistory
{
    /// <summary>The failure of <paramref name="failed"/> (already recorded among <paramref name="attempts"/>) for the retry policy.</summary>
    /// <param name="attemptsBefore">
    /// The highest attempt number the step had when RetryRun last reset it (0 if never): those attempts belong to
    /// earlier run attempts, and a retried run gets the policy's whole budget again.
    /// </param>
    public static AttemptFailure FailureOf(IReadOnlyList<AttemptRecord> attempts, AttemptRecord failed, FailureClass failureClass, int? exitCode, int attemptsBefore = 0)
    {
        var current = attempts.Where(a => a.Number > attemptsBefore).ToList();
        var counted = current.Where(a => a.Id == failed.Id || Counts(a)).Count(a => a.Number <= failed.Number);
        var priorLosses = current.Count(a => a.Id != failed.Id && a.FailureClass == FailureClass.RunnerLost);
        return new AttemptFailure(counted, failureClass, exitCode, priorLosses);
    }

    /// <summary>False for rejected offers and offers that expired unanswered.</summary>
    public static bool Counts(AttemptRecord attempt) =>
        attempt.State != AttemptState.Rejected && !(attempt.State == AttemptState.Lost && attempt.FailureClass is null);
}
