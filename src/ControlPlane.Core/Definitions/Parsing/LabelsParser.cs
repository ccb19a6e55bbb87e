using ControlPlane.Core.Definitions.Syntax;
using ControlPlane.Core.Diagnostics;

namespace ControlPlane.Core.Definitions.Parsing;

/// <summary>Reads <c>runs_on</c>: one label or a list of labels a runner must all have.</summary>
internal static class LabelsParser
{
    public static List<string> Read(ParseContext context, SourceNode? node, string path, ExpressionScope scope, int? ordinal)
    {
        var labels = new List<string>();
        foreach (var (item, itemPath) in context.Reader.ListOrSingle(node, path, "a label or a list of labels"))
        {
            var scalar = context.Reader.Text(item, itemPath, "a label");
            if (scalar is null)
            {
                continue;
            }

            if (string.IsNullOrWhiteSpace(scalar.Value))
            {
                context.Diagnostics.Error(DiagnosticCodes.EmptyCollection, scalar.Location, itemPath, "a runner label must not be empty");
                continue;
            }

            context.AddSite(scalar, itemPath, scope, ordinal);
            labels.Add(scalar.Value);
        }

        return labels;
    }
}
