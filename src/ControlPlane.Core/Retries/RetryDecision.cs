namespace ControlPlane.Core.Retries;

/// <summary>What to do after a failed attempt: retry as attempt <see cref="NextAttempt"/> no earlier than <see cref="NotBefore"/>, or give up.</summary>
public sealed record RetryDecision
{
    private RetryDecision(bool shouldRetry, int? nextAttempt, DateTimeOffset? notBefore, string reason)
    {
        ShouldRetry = shouldRetry;
        NextAttempt = nextAttempt;
        NotBefore = notBefore;
        Reason = reason;
    }

    public bool ShouldRetry { get; }

    public int? NextAttempt { get; }

    /// <summary>The earliest time the next attempt may be offered (the step's <c>not_before</c>).</summary>
    public DateTimeOffset? NotBefore { get; }

    /// <summary>Why, for the step's pending reason and the event log.</summary>
    public string Reason { get; }

    public static RetryDecision Retry(int nextAttempt, DateTimeOffset notBefore, string reason) => new(true, nextAttempt, notBefore, reason);

    public static RetryDecision GiveUp(string reason) => new(false, null, null, reason);
}
