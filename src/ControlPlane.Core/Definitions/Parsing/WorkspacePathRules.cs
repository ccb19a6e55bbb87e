using ControlPlane.Core.Definitions.Syntax;
using ControlPlane.Core.Diagnostics;
using ControlPlane.Core.Expressions.Syntax;

namespace ControlPlane.Core.Definitions.Parsing;

/// <summary>
/// The agent's path rules, checked while loading on the part of a path written out before any <c>${{ }}</c>, so a
/// path that would be refused at run time is reported with its file position instead. Paths are read as on the
/// agent: '/'-separated, '..' resolved lexically against the workspace (<c>a/../b</c> stays inside; <c>a/../..</c>
/// leaves). Stricter than the agent in one way: a path that climbs out and back in (<c>../ws/x</c>) is refused,
/// since where it lands depends on the agent's directory layout.
/// </summary>
internal static class WorkspacePathRules
{
    /// <summary>A step's <c>working_directory</c>: relative, and inside the workspace.</summary>
    public static void CheckWorkingDirectory(ParseContext context, ScalarNode? node, string path)
    {
        if (node is null)
        {
            return;
        }

        if (node.Value.StartsWith('/'))
        {
            context.Diagnostics.Error(DiagnosticCodes.PathOutsideWorkspace, node.Location, path, $"working_directory '{node.Value}' is absolute; it must be a path relative to the step workspace");
        }
        else if (LeavesWorkspace(StaticPrefix(node.Value)))
        {
            context.Diagnostics.Error(DiagnosticCodes.PathOutsideWorkspace, node.Location, path, $"working_directory '{node.Value}' leaves the step workspace through '..'; it must stay inside it");
        }
    }

    /// <summary>A docker <c>working_dir</c>: absolute is a path in the container; relative is inside the workspace.</summary>
    public static void CheckContainerWorkingDirectory(ParseContext context, ScalarNode? node, string path)
    {
        if (node is not null && !node.Value.StartsWith('/') && LeavesWorkspace(StaticPrefix(node.Value)))
        {
            context.Diagnostics.Error(DiagnosticCodes.PathOutsideWorkspace, node.Location, path, $"working_dir '{node.Value}' leaves the step workspace through '..'; use a path inside it or an absolute path in the container");
        }
    }

    /// <summary>A docker mount's <c>target</c>: absolute, without '..' segments, and not the container's root.</summary>
    public static void CheckMountTarget(ParseContext context, ScalarNode target, string path)
    {
        if (!target.Value.StartsWith('/'))
        {
            context.Diagnostics.Error(DiagnosticCodes.InvalidMount, target.Location, path, $"mount target '{target.Value}' must be an absolute path in the container");
        }
        else if (target.Value.Split('/').Contains(".."))
        {
            context.Diagnostics.Error(DiagnosticCodes.InvalidMount, target.Location, path, $"mount target '{target.Value}' has a '..' segment; write the path it means without one");
        }
        else if (target.Value.TrimEnd('/').Length == 0)
        {
            context.Diagnostics.Error(DiagnosticCodes.InvalidMount, target.Location, path, $"mount target '{target.Value}' is the container's root; mount below it");
        }
    }

    /// <summary>Whether a relative path climbs above its starting directory at any point.</summary>
    public static bool LeavesWorkspace(string relative)
    {
        var depth = 0;
        foreach (var segment in relative.Split('/'))
        {
            if (segment == "..")
            {
                if (--depth < 0)
                {
                    return true;
                }
            }
            else if (segment.Length > 0 && segment != ".")
            {
                depth++;
            }
        }

        return false;
    }

    /// <summary>The whole path when it has no expression, else its complete segments before the first one.</summary>
    private static string StaticPrefix(string value)
    {
        if (!ExpressionTemplate.ContainsExpression(value))
        {
            return value;
        }

        var expression = value.IndexOf("${{", StringComparison.Ordinal);
        var lastSeparator = expression < 0 ? -1 : value.LastIndexOf('/', expression);
        return lastSeparator < 0 ? string.Empty : value[..lastSeparator];
    }
}
