using ControlPlane.Core.Definitions.Parsing;
using ControlPlane.Core.Diagnostics;
using ControlPlane.Core.Expressions.Analysis;
using ControlPlane.Core.Expressions.Syntax;

namespace ControlPlane.Core.Definitions.Validation;

/// <summary>Parses every expression field remembered during parsing and checks what it reads.</summary>
internal sealed class ExpressionSiteValidator(ParsedWorkflow workflow, StepGraph graph, DiagnosticBag diagnostics)
{
    private readonly ContextReferenceRules _rules = new(workflow, graph, diagnostics);

    public void CheckAll()
    {
        foreach (var site in workflow.Sites)
        {
            foreach (var (expression, offset) in Parse(site))
            {
                CheckFunctions(site, expression, offset);
                foreach (var reference in ExpressionReferences.Collect(expression))
                {
                    _rules.Check(site, reference, offset);
                }
            }
        }
    }

    private List<(ExpressionNode Expression, int Offset)> Parse(ExpressionSite site)
    {
        var text = site.Node.Value;
        try
        {
            if (site.IsCondition)
            {
                if (ConditionExpression.IsMixed(text))
                {
                    diagnostics.Error(
                        DiagnosticCodes.MixedCondition,
                        site.Node.Location,
                        site.Path,
                        "a condition is either one ${{ }} or a bare expression; text around ${{ }} makes it a non-empty string, which is always true");
                    return [];
                }

                var condition = ConditionExpression.Parse(text);
                return [(condition.Expression, condition.Offset)];
            }

            var errors = new List<ExpressionSyntaxException>();
            var template = ExpressionTemplate.ParseLeniently(text, errors);
            errors.ForEach(error => ReportSyntax(site, error));
            return template.Expressions.Select(e => (e.Expression, e.Offset)).ToList();
        }
        catch (ExpressionSyntaxException exception)
        {
            ReportSyntax(site, exception);
            return [];
        }
    }

    private void ReportSyntax(ExpressionSite site, ExpressionSyntaxException exception) =>
        diagnostics.Error(DiagnosticCodes.ExpressionSyntax, site.Node.LocationAt(exception.Position), site.Path, "invalid expression: " + exception.Message);

    private void CheckFunctions(ExpressionSite site, ExpressionNode expression, int offset)
    {
        if (site.Scope == ExpressionScope.StepCondition)
        {
            return;
        }

        foreach (var call in ExpressionReferences.FunctionCalls(expression).OrderBy(c => c.Position))
        {
            if (BuiltInFunctions.Find(call.Name)?.IsStatusFunction == true)
            {
                diagnostics.Error(
                    DiagnosticCodes.StatusFunctionOutsideCondition,
                    site.Node.LocationAt(offset + call.Position),
                    site.Path,
                    $"{call.Name}() can only be used in a step's 'if' condition");
            }
        }
    }
}
