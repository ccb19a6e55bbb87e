using ControlPlane.Core.Definitions.Syntax;
using ControlPlane.Core.Diagnostics;

namespace ControlPlane.Core.Definitions.Parsing;

/// <summary>Reads <c>concurrency:</c>, either a key template or a mapping with key, limit and on_conflict.</summary>
internal static class ConcurrencyParser
{
    private static readonly string[] Keys = ["key", "limit", "on_conflict"];

    private static readonly Dictionary<string, ConflictBehavior> Behaviors = new()
    {
        ["queue"] = ConflictBehavior.Queue,
        ["cancel_older"] = ConflictBehavior.CancelOlder,
    };

    public static ConcurrencyPolicy? Parse(ParseContext context, SourceNode? node, string path)
    {
        if (node is ScalarNode { Kind: not ScalarKind.Null } shorthand)
        {
            context.AddSite(shorthand, path, ExpressionScope.Workflow, null);
            return new ConcurrencyPolicy(shorthand.Value, 1, ConflictBehavior.Queue);
        }

        var map = context.Reader.Mapping(node, path, "a key or a mapping with key, limit and on_conflict");
        if (map is null)
        {
            return null;
        }

        UnknownKeys.Report(context.Diagnostics, map, path, Keys, "concurrency");
        var keyPath = FieldPath.Child(path, "key");
        var key = context.Reader.Text(map["key"], keyPath);
        if (!map.Contains("key"))
        {
            context.Diagnostics.Error(DiagnosticCodes.MissingKey, map.Location, path, "concurrency needs a 'key', e.g. key: deploy-${{ inputs.environment }}");
        }

        context.AddSite(key, keyPath, ExpressionScope.Workflow, null);
        var limit = context.Reader.Integer(map["limit"], FieldPath.Child(path, "limit"), 1, 1000) ?? 1;
        var onConflict = context.Reader.Choice(map["on_conflict"], FieldPath.Child(path, "on_conflict"), Behaviors, "on_conflict") ?? ConflictBehavior.Queue;
        return key is null ? null : new ConcurrencyPolicy(key.Value, limit, onConflict);
    }
}
