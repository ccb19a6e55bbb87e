using ControlPlane.Core.Definitions.Syntax;
using ControlPlane.Core.Diagnostics;

namespace ControlPlane.Core.Definitions.Parsing;

internal static class DockerActionParser
{
    private static readonly string[] Keys = ["image", "command", "entrypoint", "env", "working_dir", "user", "pull", "mounts"];
    private static readonly string[] MountKeys = ["source", "target", "read_only"];

    private static readonly Dictionary<string, PullPolicy> PullPolicies = new()
    {
        ["always"] = PullPolicy.Always,
        ["if_missing"] = PullPolicy.IfMissing,
        ["never"] = PullPolicy.Never,
    };

    public static StepAction? Parse(ParseContext context, MappingNode step, string path, int ordinal)
    {
        var dockerPath = FieldPath.Child(path, "docker");
        var docker = context.Reader.Mapping(step["docker"], dockerPath, "a mapping with at least 'image'");
        if (docker is null)
        {
            if (step["docker"] is ScalarNode { Kind: ScalarKind.Null } empty)
            {
                context.Diagnostics.Error(DiagnosticCodes.MissingKey, empty.Location, dockerPath, "docker needs an 'image'");
            }

            return null;
        }

        var reader = context.Reader;
        UnknownKeys.Report(context.Diagnostics, docker, dockerPath, Keys, "docker");
        var image = TextField(context, docker, dockerPath, "image", ordinal);
        if (image is null && !docker.Contains("image"))
        {
            context.Diagnostics.Error(DiagnosticCodes.MissingKey, docker.Location, dockerPath, "docker needs an 'image', e.g. image: alpine:3.20");
        }

        var action = new DockerAction
        {
            Image = image ?? string.Empty,
            Command = Arguments(context, docker["command"], FieldPath.Child(dockerPath, "command"), ordinal, shellForm: true),
            Entrypoint = Arguments(context, docker["entrypoint"], FieldPath.Child(dockerPath, "entrypoint"), ordinal, shellForm: false),
            Env = StringMapParser.Read(context, docker["env"], FieldPath.Child(dockerPath, "env"), MapKeyRule.EnvName, ExpressionScope.Step, ordinal),
            WorkingDir = WorkingDir(context, docker, dockerPath, ordinal),
            User = TextField(context, docker, dockerPath, "user", ordinal),
            Pull = reader.Choice(docker["pull"], FieldPath.Child(dockerPath, "pull"), PullPolicies, "pull policy") ?? PullPolicy.IfMissing,
            Mounts = Mounts(context, docker["mounts"], FieldPath.Child(dockerPath, "mounts")),
        };
        return image is null ? null : action;
    }

    private static string? TextField(ParseContext context, MappingNode map, string path, string key, int ordinal)
    {
        var fieldPath = FieldPath.Child(path, key);
        var scalar = context.Reader.Text(map[key], fieldPath);
        context.AddSite(scalar, fieldPath, ExpressionScope.Step, ordinal);
        return scalar?.Value;
    }

    private static string? WorkingDir(ParseContext context, MappingNode docker, string dockerPath, int ordinal)
    {
        var value = TextField(context, docker, dockerPath, "working_dir", ordinal);
        WorkspacePathRules.CheckContainerWorkingDirectory(context, docker["working_dir"] as ScalarNode, FieldPath.Child(dockerPath, "working_dir"));
        return value;
    }

    // A command written as one string runs through the image's shell; a list is passed as argv.
    private static List<string>? Arguments(ParseContext context, SourceNode? node, string path, int ordinal, bool shellForm)
    {
        if (node is null or ScalarNode { Kind: ScalarKind.Null })
        {
            return null;
        }

        if (node is ScalarNode scalar)
        {
            context.AddSite(scalar, path, ExpressionScope.Step, ordinal);
            return shellForm ? ["/bin/sh", "-c", scalar.Value] : [scalar.Value];
        }

        var arguments = new List<string>();
        foreach (var (item, itemPath) in context.Reader.ListOrSingle(node, path, "a string or a list of strings"))
        {
            var text = context.Reader.Text(item, itemPath);
            context.AddSite(text, itemPath, ExpressionScope.Step, ordinal);
            if (text is not null)
            {
                arguments.Add(text.Value);
            }
        }

        return arguments;
    }

    private static List<DockerMount> Mounts(ParseContext context, SourceNode? node, string path)
    {
        var mounts = new List<DockerMount>();
        var sequence = context.Reader.Sequence(node, path);
        for (var i = 0; sequence is not null && i < sequence.Items.Count; i++)
        {
            var mountPath = FieldPath.Index(path, i);
            var map = context.Reader.Mapping(sequence.Items[i], mountPath, "a mapping with 'target'");
            if (map is null)
            {
                continue;
            }

            UnknownKeys.Report(context.Diagnostics, map, mountPath, MountKeys, "a mount");
            var source = context.Reader.Text(map["source"], FieldPath.Child(mountPath, "source"));
            var target = context.Reader.Text(map["target"], FieldPath.Child(mountPath, "target"));
            var readOnly = context.Reader.Boolean(map["read_only"], FieldPath.Child(mountPath, "read_only")) ?? false;
            if (!map.Contains("target"))
            {
                context.Diagnostics.Error(DiagnosticCodes.MissingKey, map.Location, mountPath, "a mount needs a 'target' path inside the container");
            }

            if (source is not null && !IsInsideWorkspace(source.Value))
            {
                context.Diagnostics.Error(DiagnosticCodes.InvalidMount, source.Location, FieldPath.Child(mountPath, "source"), $"mount source '{source.Value}' must be a relative path inside the step workspace");
            }

            if (target is not null)
            {
                WorkspacePathRules.CheckMountTarget(context, target, FieldPath.Child(mountPath, "target"));
                mounts.Add(new DockerMount(source?.Value ?? ".", target.Value, readOnly));
            }
        }

        return mounts;
    }

    private static bool IsInsideWorkspace(string source) =>
        !source.StartsWith('/') && !source.Split('/', '\\').Contains("..");
}
