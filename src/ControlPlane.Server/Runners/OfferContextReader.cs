using System.Text.Json;
using ControlPlane.Core.Expressions.Evaluation;
using ControlPlane.Core.Scheduling;
using ControlPlane.Core.Steps;
using ControlPlane.Core.Storage;
using ControlPlane.Core.Triggers;
using ControlPlane.Server.Scheduling;
using ControlPlane.Server.Scheduling.Runners;

namespace ControlPlane.Server.Runners;

/// <summary>
/// Reads what an offered step's expressions may see, built as the scheduler builds it for the step's <c>if</c>: the
/// run's inputs, the step's matrix values, the results of every step it needs (transitively) and the run's id and attempt.
/// </summary>
public sealed class OfferContextReader
{
    private readonly IStore _store;
    private readonly SpecCache _specs;

    public OfferContextReader(IStore store, SpecCache specs)
    {
        _store = store;
        _specs = specs;
    }

    /// <exception cref="EntityNotFoundException">The run is gone.</exception>
    public async Task<OfferContext> ReadAsync(OfferCommand offer, CancellationToken cancellationToken)
    {
        await using var unit = await _store.BeginReadAsync(cancellationToken);
        var run = await unit.Runs.GetAsync(offer.RunId, cancellationToken);
        var workflow = await unit.Workflows.FindAsync(run.WorkflowId, cancellationToken);
        var steps = (await unit.Steps.ListByRunAsync(run.Id, cancellationToken)).ToDictionary(s => s.Key, StringComparer.Ordinal);
        var spec = StepSpecJson.Deserialize(offer.StepSpecJson);
        var needs = NeedsClosure(spec.Needs, steps).Select(_specs.Scheduled);
        var context = new ExpressionContext
        {
            Inputs = RunInputsJson.Deserialize(run.InputsJson),
            Env = spec.Env,
            Matrix = spec.Matrix.ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal),
            Steps = StepResults.Of(needs),
            Run = new RunInfo(run.Id.ToString(), run.RunAttempt),
            Event = WebhookPayload.ValuesOf(run.EventJson),
        };
        return new OfferContext(spec, workflow?.Name ?? string.Empty, context);
    }

    private List<StepRecord> NeedsClosure(IReadOnlyList<string> direct, Dictionary<string, StepRecord> steps)
    {
        var result = new List<StepRecord>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(direct);
        while (pending.TryPop(out var key))
        {
            if (!seen.Add(key) || !steps.TryGetValue(key, out var step))
            {
                continue;
            }

            result.Add(step);
            foreach (var need in _specs.Step(step).Needs)
            {
                pending.Push(need);
            }
        }

        return result;
    }
}
