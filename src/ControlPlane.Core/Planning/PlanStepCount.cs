using System.Globalization;
using ControlPlane.Core.Definitions;
using ControlPlane.Core.Diagnostics;
using ControlPlane.Core.Expressions.Syntax;

namespace ControlPlane.Core.Planning;

/// <summary>
/// Counts the steps a plan will have from the definition's matrices, without building a combination or a step, and
/// refuses a plan over <see cref="PlanLimits.MaxSteps"/>. A matrix is walked once to count what exclude removes, so
/// a matrix whose axes multiply beyond <see cref="CountingCeiling"/> is refused without walking it.
/// </summary>
public static class PlanStepCount
{
    /// <summary>Largest product of a matrix's axes that is counted; parsed files are held far below it (CP1301).</summary>
    public const long CountingCeiling = 100_000;

    /// <summary>
    /// Checks a definition whose plan does not depend on inputs: no matrix value holds <c>${{ }}</c>. Matrices that
    /// do are checked when a run is planned.
    /// </summary>
    /// <returns>The error when the plan is over the limit; empty when it fits or cannot be counted without inputs.</returns>
    public static IReadOnlyList<Diagnostic> CheckStatic(WorkflowDefinition definition, PlanLimits limits)
    {
        var diagnostics = new DiagnosticBag();
        var matrices = new Dictionary<string, MatrixDefinition?>(StringComparer.Ordinal);
        foreach (var step in definition.Steps)
        {
            if (step.Matrix is { } matrix && HasExpressions(matrix))
            {
                return [];
            }

            matrices[step.Id] = step.Matrix;
        }

        Check(definition, matrices, limits, diagnostics);
        return diagnostics.ToSortedList();
    }

    /// <param name="matrices">Each step's matrix with its values resolved, by step id; null for a step without one.</param>
    /// <returns>True when the plan fits; otherwise the reason is reported.</returns>
    internal static bool Check(WorkflowDefinition definition, IReadOnlyDictionary<string, MatrixDefinition?> matrices, PlanLimits limits, DiagnosticBag diagnostics)
    {
        long total = 0;
        foreach (var step in definition.Steps)
        {
            if (matrices.GetValueOrDefault(step.Id) is not { } matrix)
            {
                total++;
                continue;
            }

            var product = MatrixExpander.ProductSize(matrix);
            if (product > CountingCeiling)
            {
                diagnostics.Error(
                    DiagnosticCodes.TooManySteps,
                    step.Location,
                    step.Id,
                    $"the matrix of step '{step.Id}' multiplies to {Number(product)} combinations before exclude; a run may have at most {Number(limits.MaxSteps)} steps ({limits.Setting})");
                return false;
            }

            total += MatrixExpander.Count(matrix);
        }

        if (total <= limits.MaxSteps)
        {
            return true;
        }

        diagnostics.Error(DiagnosticCodes.TooManySteps, definition.Location, "steps", $"the plan has {Number(total)} steps; the limit is {Number(limits.MaxSteps)} ({limits.Setting})");
        return false;
    }

    private static bool HasExpressions(MatrixDefinition matrix) =>
        matrix.Axes.SelectMany(a => a.Values).Concat(matrix.Include.Concat(matrix.Exclude).SelectMany(e => e.Values))
            .Any(v => v is string text && ExpressionTemplate.ContainsExpression(text));

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
