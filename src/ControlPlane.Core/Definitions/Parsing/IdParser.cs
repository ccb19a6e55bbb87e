using ControlPlane.Core.Definitions.Syntax;
using ControlPlane.Core.Diagnostics;

namespace ControlPlane.Core.Definitions.Parsing;

/// <summary>Reads the <c>id</c> of a step or group and the entries of its <c>needs</c>.</summary>
internal static class IdParser
{
    /// <returns>The id, or null when it is absent or invalid (after reporting why).</returns>
    public static string? ReadId(ParseContext context, MappingNode map, string path, bool required)
    {
        var entry = map.Find("id");
        if (entry is null)
        {
            if (required)
            {
                context.Diagnostics.Error(DiagnosticCodes.MissingId, map.Location, path, "a step needs an 'id' so that other steps can refer to it");
            }

            return null;
        }

        var idPath = FieldPath.Child(path, "id");
        var scalar = context.Reader.Text(entry.Value, idPath);
        if (scalar is null)
        {
            return null;
        }

        if (!Identifiers.IsValidId(scalar.Value))
        {
            context.Diagnostics.Error(DiagnosticCodes.InvalidId, scalar.Location, idPath, $"invalid id '{scalar.Value}'; {Identifiers.IdRule}");
            return null;
        }

        return scalar.Value;
    }

    public static IReadOnlyList<NeedReference> ReadNeeds(ParseContext context, MappingNode map, string path)
    {
        var needsPath = FieldPath.Child(path, "needs");
        var needs = new List<NeedReference>();
        foreach (var (node, itemPath) in context.Reader.ListOrSingle(map["needs"], needsPath, "a step id or a list of step ids"))
        {
            var scalar = context.Reader.Text(node, itemPath, "a step id");
            if (scalar is null)
            {
                continue;
            }

            if (needs.Exists(n => n.Id == scalar.Value))
            {
                context.Diagnostics.Warning(DiagnosticCodes.DuplicateNeed, scalar.Location, itemPath, $"'{scalar.Value}' is already listed in needs");
                continue;
            }

            needs.Add(new NeedReference(scalar.Value, itemPath, scalar.Location));
        }

        return needs;
    }
}
