using ControlPlane.Core.Definitions.Parsing;
using ControlPlane.Core.Diagnostics;
using ControlPlane.Core.Expressions.Analysis;
using ControlPlane.Core.Expressions.Evaluation;
using ControlPlane.Core.Text;

namespace ControlPlane.Core.Definitions.Validation;

/// <summary>
/// Checks one context read against the definition: the context exists and is available in the
/// field, inputs and matrix axes are declared, steps exist and are (transitively) needed, outputs
/// are declared and secrets are listed by the reading step.
/// </summary>
internal sealed class ContextReferenceRules(ParsedWorkflow workflow, StepGraph graph, DiagnosticBag diagnostics)
{
    private static readonly string[] StepProperties = ["outputs", "outcome", "exit_code"];
    private static readonly string[] RunProperties = ["id", "attempt"];
    private static readonly string[] ResultProperties = ["outputs", "exit_code", "status", "body", "headers"];

    public void Check(ExpressionSite site, ContextReference reference, int offset)
    {
        var location = site.Node.LocationAt(offset + reference.Position);
        var name = reference.Context.ToLowerInvariant();
        if (!ContextNames.All.Contains(name))
        {
            Report(DiagnosticCodes.UnknownContext, location, site, $"unknown context '{reference.Context}'{NameSuggester.Hint(reference.Context, ContextNames.All)}");
            return;
        }

        var allowed = ScopeContexts.Allowed(site.Scope);
        if (!allowed.Contains(name))
        {
            Report(DiagnosticCodes.ContextNotAvailable, location, site, $"context '{name}' is not available in {ScopeContexts.Describe(site.Scope)}; available here: {string.Join(", ", allowed)}");
            return;
        }

        var owner = site.StepOrdinal is { } ordinal ? graph.Steps[ordinal] : null;
        var path = reference.Path;
        switch (name)
        {
            case ContextNames.Inputs when path.Count > 0:
                CheckInput(site, location, path[0]);
                break;
            case ContextNames.Matrix when path.Count > 0 && owner is not null:
                CheckMatrix(site, location, owner, reference);
                break;
            case ContextNames.Steps when path.Count > 0:
                CheckStep(site, location, owner, reference);
                break;
            case ContextNames.Run when path.Count > 0:
                CheckProperty(site, location, "run", path[0], RunProperties);
                break;
            case ContextNames.Result when path.Count > 0:
                CheckProperty(site, location, "result", path[0], ResultProperties);
                break;
            case ContextNames.Secrets when path.Count > 0 && owner is not null && !owner.Step.Secrets.Contains(path[0]):
                Report(DiagnosticCodes.SecretNotDeclared, location, site, $"step '{graph.NameOf(owner.Ordinal)}' reads secrets.{path[0]} but does not list it; add '{path[0]}' to its secrets");
                break;
        }
    }

    private void CheckInput(ExpressionSite site, SourceLocation location, string input)
    {
        var names = workflow.Workflow.Inputs.Select(i => i.Name).ToList();
        if (!names.Contains(input))
        {
            var hint = names.Count == 0 ? "; the workflow declares no inputs" : NameSuggester.Hint(input, names);
            Report(DiagnosticCodes.UnknownInputReference, location, site, $"unknown input '{input}'{hint}");
        }
    }

    private void CheckMatrix(ExpressionSite site, SourceLocation location, StepEntry owner, ContextReference reference)
    {
        var key = reference.Path[0];
        if (owner.Step.Matrix is not { } matrix)
        {
            Report(DiagnosticCodes.UnknownMatrixAxis, location, site, $"step '{graph.NameOf(owner.Ordinal)}' has no matrix, so {reference.Describe(1)} is undefined");
            return;
        }

        var keys = matrix.Keys();
        if (!keys.Contains(key))
        {
            Report(DiagnosticCodes.UnknownMatrixAxis, location, site, $"unknown matrix axis '{key}'{NameSuggester.Hint(key, keys)}");
        }
    }

    private void CheckStep(ExpressionSite site, SourceLocation location, StepEntry? owner, ContextReference reference)
    {
        var id = reference.Path[0];
        var target = graph.FindById(id);
        if (target is null)
        {
            var ids = graph.Steps.Select(s => s.Id).OfType<string>();
            Report(DiagnosticCodes.UnknownStepReference, location, site, $"unknown step '{id}'{NameSuggester.Hint(id, ids)}");
            return;
        }

        if (owner is not null && !graph.Ancestors(owner.Ordinal).Contains(target.Ordinal))
        {
            var reader = graph.NameOf(owner.Ordinal);
            var message = owner.Ordinal == target.Ordinal
                ? $"step '{reader}' reads its own {reference.Describe(reference.Path.Count)}; a step's outputs are built from result.*"
                : $"step '{reader}' reads {reference.Describe(reference.Path.Count)} but does not need '{id}'; add it to needs";
            Report(DiagnosticCodes.StepNotNeeded, location, site, message);
        }

        if (reference.Path.Count < 2)
        {
            return;
        }

        var property = reference.Path[1];
        if (!StepProperties.Contains(property))
        {
            Report(DiagnosticCodes.UnknownProperty, location, site, $"steps.{id} has no property '{property}'{NameSuggester.Hint(property, StepProperties)}; use outputs, outcome or exit_code");
        }
        else if (property == "outputs" && reference.Path.Count > 2 && !target.Step.Outputs.ContainsKey(reference.Path[2]))
        {
            Report(DiagnosticCodes.UnknownStepOutput, location, site, $"step '{id}' declares no output '{reference.Path[2]}'{DescribeOutputs(target, reference.Path[2])}");
        }
    }

    private static string DescribeOutputs(StepEntry target, string wanted)
    {
        var names = target.Step.Outputs.Keys.ToList();
        return names.Count == 0
            ? "; it declares no outputs (add an 'outputs' mapping to it)"
            : NameSuggester.Closest(wanted, names) is { } closest
                ? $"; did you mean '{closest}'?"
                : $"; it declares: {string.Join(", ", names)}";
    }

    private void CheckProperty(ExpressionSite site, SourceLocation location, string context, string property, IReadOnlyList<string> known)
    {
        if (!known.Contains(property))
        {
            var hint = NameSuggester.Hint(property, known);
            Report(DiagnosticCodes.UnknownProperty, location, site, $"{context} has no property '{property}'{(hint.Length > 0 ? hint : "; it has: " + string.Join(", ", known))}");
        }
    }

    private void Report(string code, SourceLocation location, ExpressionSite site, string message) =>
        diagnostics.Error(code, location, site.Path, message);
}
