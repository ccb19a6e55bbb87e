using ControlPlane.Core.Definitions.Syntax;
using ControlPlane.Core.Diagnostics;

namespace ControlPlane.Core.Definitions.Parsing;

/// <summary>State shared by the parsers of one file.</summary>
internal sealed class ParseContext(SourceDocument document, DiagnosticBag diagnostics, WorkflowLoadOptions options)
{
    private readonly List<ExpressionSite> _sites = [];
    private int _nextStepOrdinal;

    public SourceDocument Document { get; } = document;

    public DiagnosticBag Diagnostics { get; } = diagnostics;

    public WorkflowLoadOptions Options { get; } = options;

    public ValueReader Reader { get; } = new(diagnostics);

    public IReadOnlyList<ExpressionSite> Sites => _sites;

    public int NextStepOrdinal() => _nextStepOrdinal++;

    /// <summary>Remembers a field for expression checks; conditions are expressions even without <c>${{ }}</c>.</summary>
    public void AddSite(ScalarNode? node, string path, ExpressionScope scope, int? stepOrdinal)
    {
        if (node is null)
        {
            return;
        }

        var isCondition = scope is ExpressionScope.StepCondition or ExpressionScope.WebhookFilter;
        if (isCondition || Expressions.Syntax.ExpressionTemplate.ContainsExpression(node.Value))
        {
            _sites.Add(new ExpressionSite(node, path, scope, stepOrdinal));
        }
    }
}
