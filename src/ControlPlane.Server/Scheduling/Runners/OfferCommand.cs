using ControlPlane.Core.Attempts;
using ControlPlane.Core.Runners;
using ControlPlane.Core.Runs;
using ControlPlane.Core.Steps;

namespace ControlPlane.Server.Scheduling.Runners;

/// <summary>
/// Run this step. Recorded in the store (attempt offered under a lease) before it is sent. The runner answers with
/// <see cref="AttemptReporter.AcceptAsync"/> or <see cref="AttemptReporter.RejectAsync"/> before <paramref name="AcceptBy"/>,
/// or the offer expires and the step goes to another runner.
/// </summary>
/// <param name="AttemptNumber">The step's attempt row number (1 for the first offer), for logs and <c>run.attempt</c>.</param>
/// <param name="StepSpecJson">The planned step (see <see cref="Core.Scheduling.StepSpecJson"/>): action, env, timeout, outputs.</param>
/// <param name="RunnerId">The runner the attempt is offered to, the only one whose reports about it count.</param>
public sealed record OfferCommand(
    AttemptId AttemptId,
    long Epoch,
    RunId RunId,
    StepId StepId,
    string StepKey,
    int AttemptNumber,
    string StepSpecJson,
    DateTimeOffset AcceptBy,
    RunnerId RunnerId) : AttemptCommand(AttemptId, Epoch)
{
    /// <summary>The offer's lease as its runner presents it in every report.</summary>
    public AttemptClaim Claim => new(RunnerId, AttemptId, Epoch);
}
