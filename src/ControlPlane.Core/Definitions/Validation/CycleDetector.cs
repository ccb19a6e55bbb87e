using ControlPlane.Core.Definitions.Parsing;
using ControlPlane.Core.Diagnostics;

namespace ControlPlane.Core.Definitions.Validation;

/// <summary>
/// Finds dependency cycles and names them the way a person traces them: "a -> b -> c -> a", where each
/// step needs the next. Each cycle is reported once, starting from its first step in the file.
/// </summary>
internal static class CycleDetector
{
    private enum Mark
    {
        Unvisited,
        OnPath,
        Done,
    }

    /// <returns>True when the graph has no cycles.</returns>
    public static bool Check(StepGraph graph, DiagnosticBag diagnostics)
    {
        var marks = new Mark[graph.Steps.Count];
        var reported = new HashSet<string>(StringComparer.Ordinal);
        for (var start = 0; start < graph.Steps.Count; start++)
        {
            if (marks[start] == Mark.Unvisited)
            {
                Visit(graph, start, marks, reported, diagnostics);
            }
        }

        return reported.Count == 0;
    }

    // Iterative depth-first search: a long chain of steps must not overflow the stack.
    private static void Visit(StepGraph graph, int start, Mark[] marks, HashSet<string> reported, DiagnosticBag diagnostics)
    {
        var path = new List<int> { start };
        var nextChild = new List<int> { 0 };
        marks[start] = Mark.OnPath;
        while (path.Count > 0)
        {
            var current = path[^1];
            var needs = graph.NeedsOf(current);
            if (nextChild[^1] >= needs.Count)
            {
                marks[current] = Mark.Done;
                path.RemoveAt(path.Count - 1);
                nextChild.RemoveAt(nextChild.Count - 1);
                continue;
            }

            var child = needs[nextChild[^1]++];
            if (marks[child] == Mark.OnPath)
            {
                Report(graph, path.GetRange(path.IndexOf(child), path.Count - path.IndexOf(child)), reported, diagnostics);
            }
            else if (marks[child] == Mark.Unvisited)
            {
                marks[child] = Mark.OnPath;
                path.Add(child);
                nextChild.Add(0);
            }
        }
    }

    private static void Report(StepGraph graph, List<int> cycle, HashSet<string> reported, DiagnosticBag diagnostics)
    {
        var first = cycle.IndexOf(cycle.Min());
        var rotated = cycle.Skip(first).Concat(cycle.Take(first)).ToList();
        var names = rotated.Select(graph.NameOf).Append(graph.NameOf(rotated[0])).ToList();
        var description = string.Join(" -> ", names);
        if (!reported.Add(description))
        {
            return;
        }

        var step = graph.Steps[rotated[0]];
        var need = graph.SourceOf(rotated[0], rotated.Count > 1 ? rotated[1] : rotated[0]);
        var message = rotated.Count == 1
            ? $"step '{names[0]}' needs itself (directly or through its group)"
            : $"dependency cycle: {description}";
        diagnostics.Error(DiagnosticCodes.DependencyCycle, need?.Location ?? step.IdLocation, need?.Path ?? step.Path, message);
    }
}
