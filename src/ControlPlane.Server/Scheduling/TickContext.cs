using ControlPlane.Core.Runs;
using ControlPlane.Core.Steps;
using ControlPlane.Core.Storage;
using ControlPlane.Server.Scheduling.Runners;

namespace ControlPlane.Server.Scheduling;

/// <summary>
/// One tick's shared state: its unit of work (every decision of the tick commits together), the clock reading, the
/// decision budget, the runs to re-evaluate and the commands to send once committed.
/// </summary>
internal sealed class TickContext
{
    private readonly int _budget;

    public TickContext(IUnitOfWork unit, DateTimeOffset now, int budget, IEnumerable<RunId> changedRuns)
    {
        Unit = unit;
        Now = now;
        _budget = budget;
        ChangedRuns = [.. changedRuns];
    }

    public IUnitOfWork Unit { get; }

    public DateTimeOffset Now { get; }

    public CommandOutbox Outbox { get; } = new();

    /// <summary>Runs whose steps the progress phase re-evaluates; what it leaves here carries over to the next tick.</summary>
    public HashSet<RunId> ChangedRuns { get; }

    /// <summary>Steps of runs that finished in this tick: their cached specs are dropped after the commit.</summary>
    public List<StepId> FinishedSteps { get; } = [];

    public int Decisions { get; private set; }

    public bool HasBudget => Decisions < _budget;

    public int RemainingBudget => Math.Max(0, _budget - Decisions);

    /// <summary>Set when a phase left work undone for lack of budget.</summary>
    public bool Truncated { get; set; }

    public void Decided(int count = 1) => Decisions += count;

    public void MarkChanged(RunId runId) => ChangedRuns.Add(runId);
}
