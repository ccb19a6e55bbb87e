using ControlPlane.Core.Definitions.Parsing;
using ControlPlane.Core.Definitions.Syntax;
using ControlPlane.Core.Diagnostics;

namespace ControlPlane.Core.Definitions.Validation;

/// <summary>
/// The load pipeline: read the source tree, parse it into the model (types, keys, durations, cron,
/// URLs), then check cross-references (ids, needs, cycles, expressions). Every stage runs even when an
/// earlier one found problems, so one pass reports everything it can.
/// </summary>
internal static class WorkflowCompiler
{
    public static ValidationResult Compile(string fileName, string text, WorkflowLoadOptions options)
    {
        var diagnostics = new DiagnosticBag();
        var document = new SourceDocument(fileName, text);
        var root = SourceTreeReader.Read(document, diagnostics);
        if (root is null)
        {
            return new ValidationResult(null, diagnostics.ToSortedList());
        }

        var parsed = WorkflowParser.Parse(new ParseContext(document, diagnostics, options), root);
        DuplicateIdRule.Check(parsed, diagnostics);
        var graph = NeedsResolver.Resolve(parsed, diagnostics);
        CycleDetector.Check(graph, diagnostics);
        new ExpressionSiteValidator(parsed, graph, diagnostics).CheckAll();
        if (diagnostics.HasErrors)
        {
            return new ValidationResult(null, diagnostics.ToSortedList());
        }

        var steps = parsed.Steps
            .Select(entry => entry.Step with { Needs = graph.NeedsOf(entry.Ordinal).Select(o => graph.Steps[o].Step.Id).ToList() })
            .ToList();
        return new ValidationResult(parsed.Workflow with { Steps = steps }, diagnostics.ToSortedList());
    }
}
