using ControlPlane.Core.Attempts;
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
public sealed record OfferCommand(
    AttemptId AttemptId,
    long Epoch,
    RunId RunId,
    StepId StepId,
    string StepKey,
    int AttemptNumber,
    string StepSpecJson,
    DateTimeOffset AcceptBy) : AttemptCommand(AttemptId, Epoch);
