using ControlPlane.Core.Definitions.Syntax;
using ControlPlane.Core.Diagnostics;

namespace ControlPlane.Core.Definitions.Parsing;

/// <summary>Reads the <c>notify:</c> list: webhook targets told about the workflow's runs.</summary>
internal static class NotifyParser
{
    private static readonly string[] Keys = ["url", "url_env", "on", "format", "secret_env"];

    public static IReadOnlyList<NotifyTarget> Parse(ParseContext context, SourceNode? node, string path)
    {
        var list = context.Reader.Sequence(node, path, "a list of targets such as - url: https://chat.example/hook");
        var targets = new List<NotifyTarget>();
        for (var i = 0; list is not null && i < list.Items.Count; i++)
        {
            if (ParseTarget(context, list.Items[i], FieldPath.Index(path, i)) is { } target)
            {
                targets.Add(target);
            }
        }

        return targets;
    }

    private static NotifyTarget? ParseTarget(ParseContext context, SourceNode node, string path)
    {
        var map = context.Reader.Mapping(node, path, "a mapping with url or url_env");
        if (map is null)
        {
            return null;
        }

        UnknownKeys.Report(context.Diagnostics, map, path, Keys, "a notify target");
        var url = ReadUrl(context, map["url"], FieldPath.Child(path, "url"));
        var urlEnv = ReadEnvName(context, map["url_env"], FieldPath.Child(path, "url_env"));
        if (map.Contains("url") == map.Contains("url_env"))
        {
            context.Diagnostics.Error(DiagnosticCodes.NotifyUrlChoice, map.Location, path, "a notify target needs exactly one of 'url' or 'url_env' (a server environment variable holding the URL)");
        }

        var on = ReadEvents(context, map["on"], FieldPath.Child(path, "on"));
        var format = context.Reader.Choice(map["format"], FieldPath.Child(path, "format"), NotifyEventNames.Formats, "notify format") ?? NotifyFormat.Json;
        var secretEnv = ReadEnvName(context, map["secret_env"], FieldPath.Child(path, "secret_env"));
        return url is null && urlEnv is null ? null : new NotifyTarget(url, urlEnv, on, format, secretEnv);
    }

    private static NotifyEvents ReadEvents(ParseContext context, SourceNode? node, string path)
    {
        if (node is null)
        {
            return NotifyTarget.DefaultEvents;
        }

        var events = NotifyEvents.None;
        foreach (var (item, itemPath) in context.Reader.ListOrSingle(node, path, "a list of events such as [failed, cancelled]"))
        {
            events |= context.Reader.Choice(item, itemPath, NotifyEventNames.Words, "notify event") ?? NotifyEvents.None;
        }

        if (events == NotifyEvents.None && node is SequenceNode { Items.Count: 0 })
        {
            context.Diagnostics.Error(DiagnosticCodes.EmptyCollection, node.Location, path, "'on' needs at least one event; leave it out for [failed]");
        }

        return events;
    }

    private static string? ReadUrl(ParseContext context, SourceNode? node, string path)
    {
        var scalar = context.Reader.Text(node, path, "an http or https URL");
        if (scalar is null)
        {
            return null;
        }

        if (!Uri.TryCreate(scalar.Value, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host) || uri.Scheme is not ("http" or "https"))
        {
            context.Diagnostics.Error(DiagnosticCodes.InvalidUrl, scalar.Location, path, $"'{scalar.Value}' is not an absolute http or https URL; write it like https://chat.example/hooks/abc");
            return null;
        }

        return scalar.Value;
    }

    private static string? ReadEnvName(ParseContext context, SourceNode? node, string path)
    {
        var scalar = context.Reader.Text(node, path, "an environment variable name");
        if (scalar is not null && !Identifiers.IsValidEnvName(scalar.Value))
        {
            context.Diagnostics.Error(DiagnosticCodes.InvalidName, scalar.Location, path, $"invalid environment variable name '{scalar.Value}'; {Identifiers.EnvNameRule}");
            return null;
        }

        return scalar?.Value;
    }
}
