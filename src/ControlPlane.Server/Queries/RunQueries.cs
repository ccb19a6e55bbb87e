using ControlPlane.Core.Runners;
using ControlPlane.Core.Runs;
using ControlPlane.Core.Storage;
using ControlPlane.Core.Workflows;
using ControlPlane.Server.Scheduling.Runs;

namespace ControlPlane.Server.Queries;

/// <summary>Reads runs with their steps and attempts, each call on one consistent snapshot.</summary>
public sealed class RunQueries
{
    private readonly IStore _store;

    public RunQueries(IStore store)
    {
        _store = store;
    }

    /// <exception cref="EntityNotFoundException">No such run.</exception>
    public async Task<RunDetails> GetAsync(RunId runId, CancellationToken cancellationToken)
    {
        await using var unit = await _store.BeginReadAsync(cancellationToken);
        var run = await unit.Runs.GetAsync(runId, cancellationToken);
        var names = new Names(unit);
        var steps = new List<StepDetails>();
        foreach (var step in await unit.Steps.ListByRunAsync(runId, cancellationToken))
        {
            var attempts = new List<AttemptDetails>();
            foreach (var attempt in await unit.Attempts.ListByStepAsync(step.Id, cancellationToken))
            {
                attempts.Add(new AttemptDetails(attempt, await names.RunnerAsync(attempt.RunnerId, cancellationToken)));
            }

            steps.Add(new StepDetails(step, attempts));
        }

        return new RunDetails(new RunSummary(run, await names.WorkflowAsync(run.WorkflowId, cancellationToken)), steps);
    }

    /// <summary>One page of runs, newest first; fetches one more than the page to know whether another follows.</summary>
    /// <exception cref="WorkflowNotFoundException">The filter names a workflow that has not been applied.</exception>
    public async Task<RunPage> ListAsync(RunFilter filter, CancellationToken cancellationToken)
    {
        await using var unit = await _store.BeginReadAsync(cancellationToken);
        WorkflowId? workflowId = null;
        if (filter.WorkflowName is { } name)
        {
            workflowId = (await unit.Workflows.FindByNameAsync(name, cancellationToken) ?? throw new WorkflowNotFoundException(name, "has not been applied")).Id;
        }

        var query = new RunListQuery(filter.PageSize + 1, workflowId, filter.States, filter.CreatedAtOrAfter, filter.CreatedBefore, filter.After);
        var runs = await unit.Runs.ListAsync(query, cancellationToken);
        var page = runs.Take(filter.PageSize).ToList();
        var names = new Names(unit);
        var summaries = new List<RunSummary>(page.Count);
        foreach (var run in page)
        {
            summaries.Add(new RunSummary(run, await names.WorkflowAsync(run.WorkflowId, cancellationToken)));
        }

        return new RunPage(summaries, runs.Count > filter.PageSize ? page[^1].Id : null);
    }

    /// <summary>Names looked up once per call.</summary>
    private sealed class Names(IUnitOfWork unit)
    {
        private readonly Dictionary<WorkflowId, string> _workflows = [];
        private readonly Dictionary<RunnerId, string> _runners = [];

        public async Task<string> WorkflowAsync(WorkflowId id, CancellationToken cancellationToken)
        {
            if (!_workflows.TryGetValue(id, out var name))
            {
                name = (await unit.Workflows.FindAsync(id, cancellationToken))?.Name ?? "";
                _workflows[id] = name;
            }

            return name;
        }

        public async Task<string> RunnerAsync(RunnerId id, CancellationToken cancellationToken)
        {
            if (!_runners.TryGetValue(id, out var name))
            {
                name = (await unit.Runners.FindAsync(id, cancellationToken))?.Name ?? "";
                _runners[id] = name;
            }

            return name;
        }
    }
}
