using ControlPlane.Core.Definitions;
using ControlPlane.Core.Definitions.Identity;
using ControlPlane.Core.Definitions.Inputs;
using ControlPlane.Core.Diagnostics;
using ControlPlane.Core.Expressions.Evaluation;

namespace ControlPlane.Core.Planning;

/// <summary>
/// Plans a run of a valid definition: checks the input values against the declarations, expands
/// matrices, resolves needs to planned-step keys, merges defaults and arranges the steps in
/// topological levels.
/// </summary>
public static class WorkflowPlanner
{
    /// <exception cref="WorkflowValidationException">The inputs do not fit the definition, or the plan is over <paramref name="limits"/>; all problems are listed.</exception>
    public static WorkflowPlan Plan(WorkflowDefinition definition, IReadOnlyDictionary<string, string>? inputs = null, PlanLimits? limits = null)
    {
        var result = TryPlan(definition, inputs, limits);
        return result.Plan ?? throw new WorkflowValidationException(result.Diagnostics);
    }

    /// <param name="limits">Default: <see cref="PlanLimits.Default"/>. Checked by counting before any step is built.</param>
    public static PlanResult TryPlan(WorkflowDefinition definition, IReadOnlyDictionary<string, string>? inputs = null, PlanLimits? limits = null)
    {
        var diagnostics = new DiagnosticBag();
        var binding = InputBinder.Bind(definition.Inputs, inputs ?? new Dictionary<string, string>());
        foreach (var problem in binding.Problems)
        {
            ReportInputProblem(definition, problem, diagnostics);
        }

        if (diagnostics.HasErrors)
        {
            return new PlanResult(null, diagnostics.ToSortedList());
        }

        var expander = new StepExpander(definition, binding.Values, diagnostics);
        var matrices = definition.Steps.ToDictionary(s => s.Id, expander.ResolveMatrix, StringComparer.Ordinal);
        if (!PlanStepCount.Check(definition, matrices, limits ?? PlanLimits.Default, diagnostics))
        {
            return new PlanResult(null, diagnostics.ToSortedList());
        }

        var expansions = definition.Steps.ToDictionary(s => s.Id, s => expander.Expand(s, matrices[s.Id]), StringComparer.Ordinal);
        var planned = definition.Steps
            .SelectMany(step => expansions[step.Id].Select(p => p with { Needs = step.Needs.SelectMany(n => expansions[n]).Select(n => n.Key).ToList() }))
            .ToList();
        CheckUniqueKeys(definition, planned, diagnostics);
        if (diagnostics.HasErrors)
        {
            return new PlanResult(null, diagnostics.ToSortedList());
        }

        var levels = TopologicalLevels.Compute(planned);
        var levelOf = levels.SelectMany((keys, level) => keys.Select(k => (k, level))).ToDictionary(p => p.k, p => p.level);
        var byKey = planned.ToDictionary(p => p.Key, StringComparer.Ordinal);
        var ordered = levels.SelectMany(keys => keys).Select(key => byKey[key] with { Level = levelOf[key] }).ToList();
        return new PlanResult(
            new WorkflowPlan
            {
                WorkflowName = definition.Name,
                DefinitionHash = WorkflowContentHash.Compute(definition),
                Inputs = binding.Values,
                Steps = ordered,
                Levels = levels,
                Timeout = definition.Timeout,
                Concurrency = definition.Concurrency,
                ConcurrencyKey = ConcurrencyKey(definition, binding.Values, diagnostics),
            },
            diagnostics.ToSortedList());
    }

    private static string? ConcurrencyKey(WorkflowDefinition definition, IReadOnlyDictionary<string, object?> inputs, DiagnosticBag diagnostics)
    {
        if (definition.Concurrency is null)
        {
            return null;
        }

        var context = new ExpressionContext { Inputs = inputs };
        var substituter = new StaticSubstituter(context, message => diagnostics.Error(DiagnosticCodes.PlanEvaluationFailed, definition.Location, "concurrency.key", "cannot evaluate " + message));
        return substituter.Substitute(definition.Concurrency.Key);
    }

    private static void ReportInputProblem(WorkflowDefinition definition, InputProblem problem, DiagnosticBag diagnostics)
    {
        var declaration = definition.Inputs.FirstOrDefault(i => i.Name == problem.InputName);
        var location = declaration?.Location ?? SourceLocation.FileOnly(definition.Location.File);
        diagnostics.Error(problem.Code, location, $"inputs.{problem.InputName}", problem.Message);
    }

    private static void CheckUniqueKeys(WorkflowDefinition definition, List<PlannedStep> planned, DiagnosticBag diagnostics)
    {
        foreach (var duplicate in planned.GroupBy(p => p.Key, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var step = definition.FindStep(duplicate.First().StepId);
            diagnostics.Error(
                DiagnosticCodes.DuplicatePlanKey,
                step?.Location ?? definition.Location,
                duplicate.Key,
                $"the matrix produces '{duplicate.Key}' {duplicate.Count()} times; make the include entries or values distinct");
        }
    }
}
