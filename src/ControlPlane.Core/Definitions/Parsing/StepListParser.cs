using ControlPlane.Core.Definitions.Syntax;
using ControlPlane.Core.Diagnostics;

namespace ControlPlane.Core.Definitions.Parsing;

/// <summary>Reads a steps list whose entries are steps or nested <c>parallel:</c> / <c>sequence:</c> groups.</summary>
internal static class StepListParser
{
    private static readonly string[] GroupKeys = ["id", "name", "needs", "parallel", "sequence"];

    // Groups nest in the file, so the YAML depth limit already bounds this recursion.
    public static List<StepItem> Parse(ParseContext context, SourceNode? node, string path, string owner)
    {
        var items = new List<StepItem>();
        var list = context.Reader.Sequence(node, path, "a list of steps");
        if (list is null || list.Items.Count == 0)
        {
            if (list is not null || node is ScalarNode { Kind: ScalarKind.Null })
            {
                context.Diagnostics.Error(DiagnosticCodes.EmptyCollection, (list ?? node)!.Location, path, $"{owner} needs at least one step");
            }

            return items;
        }

        for (var i = 0; i < list.Items.Count; i++)
        {
            var itemPath = FieldPath.Index(path, i);
            var map = context.Reader.Mapping(list.Items[i], itemPath, "a step (a mapping with 'id' and an action)");
            if (map is not null)
            {
                items.Add(map.Contains("parallel") || map.Contains("sequence") ? ParseGroup(context, map, itemPath) : StepParser.Parse(context, map, itemPath));
            }
        }

        return items;
    }

    private static GroupEntry ParseGroup(ParseContext context, MappingNode map, string path)
    {
        UnknownKeys.Report(context.Diagnostics, map, path, GroupKeys, "a group");
        var kind = map.Contains("parallel") ? GroupKind.Parallel : GroupKind.Sequence;
        if (map.Contains("parallel") && map.Find("sequence") is { } sequence)
        {
            context.Diagnostics.Error(DiagnosticCodes.MultipleActions, sequence.Key.Location, FieldPath.Child(path, "sequence"), "a group is either parallel or sequence, not both; nest one inside the other");
        }

        var id = IdParser.ReadId(context, map, path, required: false);
        var nameNode = map["name"];
        _ = context.Reader.Text(nameNode, FieldPath.Child(path, "name"));
        var needs = IdParser.ReadNeeds(context, map, path);
        var key = kind == GroupKind.Parallel ? "parallel" : "sequence";
        var items = Parse(context, map[key], FieldPath.Child(path, key), $"a {key} group");
        var idLocation = map.Find("id")?.Value.Location ?? map.Location;
        return new GroupEntry(id, kind, items, needs, path, map.Location, idLocation);
    }
}
