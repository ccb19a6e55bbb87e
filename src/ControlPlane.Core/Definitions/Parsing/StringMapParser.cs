using ControlPlane.Core.Diagnostics;

namespace ControlPlane.Core.Definitions.Parsing;

/// <summary>Reads name-to-text mappings (env, headers, outputs), checking names and remembering expression fields.</summary>
internal static class StringMapParser
{
    public static IReadOnlyDictionary<string, string> Read(
        ParseContext context,
        Syntax.SourceNode? node,
        string path,
        MapKeyRule rule,
        ExpressionScope scope,
        int? stepOrdinal)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var map = context.Reader.Mapping(node, path);
        if (map is null)
        {
            return result;
        }

        foreach (var entry in map.Entries)
        {
            var name = entry.Key.Value;
            var entryPath = FieldPath.Child(path, name);
            CheckName(context, entry.Key, entryPath, rule);
            var value = context.Reader.Text(entry.Value, entryPath);
            if (value is not null)
            {
                result[name] = value.Value;
                context.AddSite(value, entryPath, scope, stepOrdinal);
            }
        }

        return result;
    }

    private static void CheckName(ParseContext context, Syntax.ScalarNode key, string path, MapKeyRule rule)
    {
        var (valid, what, hint) = rule switch
        {
            MapKeyRule.EnvName => (Identifiers.IsValidEnvName(key.Value), "environment variable name", Identifiers.EnvNameRule),
            MapKeyRule.Id => (Identifiers.IsValidId(key.Value), "name", Identifiers.IdRule),
            _ => (key.Value.Length > 0, "name", "it must not be empty"),
        };
        if (!valid)
        {
            context.Diagnostics.Error(DiagnosticCodes.InvalidName, key.Location, path, $"invalid {what} '{key.Value}'; {hint}");
        }
    }
}
