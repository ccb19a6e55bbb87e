using ControlPlane.Core.Attempts;
using ControlPlane.Core.Events;
using ControlPlane.Core.Runs;
using ControlPlane.Core.StateMachines;
using ControlPlane.Core.Steps;
using ControlPlane.Core.Storage;

namespace ControlPlane.Server.Queries;

/// <summary>Where one watch stands, and what it has looked up so far.</summary>
internal sealed class RunEventCursor(RunId runId, long sequence)
{
    private readonly Dictionary<StepId, string> _stepKeys = [];
    private readonly Dictionary<AttemptId, int> _attemptNumbers = [];

    public RunId RunId { get; } = runId;

    /// <summary>The last sequence sent (or the one the client resumed after).</summary>
    public long Sequence { get; set; } = sequence;

    /// <summary>The run's own events, null until the first read.</summary>
    public IReadOnlyList<EventRecord>? Lifecycle { get; set; }

    /// <summary>The run's state once the event with this sequence had happened.</summary>
    public RunState StateAt(long sequence)
    {
        var state = RunState.Queued;
        foreach (var e in Lifecycle ?? [])
        {
            if (e.Sequence > sequence)
            {
                break;
            }

            state = EnumText.Parse<RunState>(e.ToState!);
        }

        return state;
    }

    public async Task<string?> StepKeyAsync(IUnitOfWork unit, StepId? stepId, CancellationToken cancellationToken)
    {
        if (stepId is not { } id)
        {
            return null;
        }

        if (!_stepKeys.TryGetValue(id, out var key))
        {
            key = (await unit.Steps.GetAsync(id, cancellationToken)).Key;
            _stepKeys[id] = key;
        }

        return key;
    }

    public async Task<int?> AttemptNumberAsync(IUnitOfWork unit, AttemptId? attemptId, CancellationToken cancellationToken)
    {
        if (attemptId is not { } id)
        {
            return null;
        }

        if (!_attemptNumbers.TryGetValue(id, out var number))
        {
            number = (await unit.Attempts.GetAsync(id, cancellationToken)).Number;
            _attemptNumbers[id] = number;
        }

        return number;
    }
}
