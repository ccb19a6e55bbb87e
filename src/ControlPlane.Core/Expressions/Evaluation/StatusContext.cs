namespace ControlPlane.Core.Expressions.Evaluation;

/// <summary>
/// What the status functions look at. The scheduler passes the conclusions of every step the
/// evaluated step transitively needs (a failure under <c>continue_on_error</c> counts as success).
/// <list type="bullet">
/// <item><c>success()</c>: the run is not cancelled and every dependency succeeded.</item>
/// <item><c>failure()</c>: some dependency failed.</item>
/// <item><c>cancelled()</c>: the run is being cancelled.</item>
/// <item><c>always()</c>: true.</item>
/// </list>
/// A skipped dependency makes <c>success()</c> false, so skips propagate unless a condition says otherwise.
/// </summary>
public sealed record StatusContext(bool RunCancelled, IReadOnlyList<StepOutcome> Dependencies)
{
    public bool Success => !RunCancelled && Dependencies.All(o => o == StepOutcome.Success);

    public bool Failure => Dependencies.Any(o => o == StepOutcome.Failure);
}
