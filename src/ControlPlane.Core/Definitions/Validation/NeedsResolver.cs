using ControlPlane.Core.Definitions.Parsing;
using ControlPlane.Core.Diagnostics;
using ControlPlane.Core.Text;

namespace ControlPlane.Core.Definitions.Validation;

/// <summary>
/// Turns explicit <c>needs</c> and group nesting into step-to-step dependencies. Top-level entries are
/// independent (plain DAG style). In a <c>sequence</c> each entry needs the exits of the one before;
/// in a <c>parallel</c> group entries only share the group's own dependencies. A group's exits are
/// its last entry's (sequence) or all entries' (parallel); needing a group means needing its exits.
/// </summary>
internal sealed class NeedsResolver
{
    private readonly DiagnosticBag _diagnostics;
    private readonly Dictionary<string, StepItem> _byId = new(StringComparer.Ordinal);
    private readonly List<SortedSet<int>> _needs;
    private readonly Dictionary<(int Step, int Need), NeedReference> _edgeSources = [];

    private NeedsResolver(ParsedWorkflow workflow, DiagnosticBag diagnostics)
    {
        _diagnostics = diagnostics;
        _needs = workflow.Steps.Select(_ => new SortedSet<int>()).ToList();
        foreach (var item in workflow.Steps.Cast<StepItem>().Concat(ParsedWorkflow.Groups(workflow.Items)))
        {
            if (item.Id is not null)
            {
                _byId.TryAdd(item.Id, item);
            }
        }
    }

    public static StepGraph Resolve(ParsedWorkflow workflow, DiagnosticBag diagnostics)
    {
        var resolver = new NeedsResolver(workflow, diagnostics);
        foreach (var item in workflow.Items)
        {
            resolver.Walk(item, []);
        }

        return new StepGraph(workflow.Steps, resolver._needs.Select(n => (IReadOnlyList<int>)[.. n]).ToList(), resolver._edgeSources);
    }

    /// <param name="inherited">Dependencies from enclosing groups, each with the needs entry that caused it (null when implied by a sequence).</param>
    private void Walk(StepItem item, Dictionary<int, NeedReference?> inherited)
    {
        var dependencies = new Dictionary<int, NeedReference?>(inherited);
        foreach (var (need, source) in ResolveExplicit(item))
        {
            dependencies[need] = source;
        }

        switch (item)
        {
            case StepEntry step:
                foreach (var (need, source) in dependencies)
                {
                    _needs[step.Ordinal].Add(need);
                    if (source is not null)
                    {
                        _edgeSources.TryAdd((step.Ordinal, need), source);
                    }
                }

                break;
            case GroupEntry { Kind: GroupKind.Parallel } group:
                foreach (var child in group.Items)
                {
                    Walk(child, dependencies);
                }

                break;
            case GroupEntry group:
                var previous = dependencies;
                foreach (var child in group.Items)
                {
                    Walk(child, previous);
                    var exits = Exits(child);
                    previous = exits.Count > 0 ? exits.ToDictionary(e => e, _ => (NeedReference?)null) : previous;
                }

                break;
        }
    }

    private List<(int Need, NeedReference Source)> ResolveExplicit(StepItem item)
    {
        var resolved = new List<(int, NeedReference)>();
        foreach (var need in item.Needs)
        {
            if (_byId.TryGetValue(need.Id, out var target))
            {
                resolved.AddRange(Exits(target).Select(exit => (exit, need)));
                continue;
            }

            var hint = NameSuggester.Hint(need.Id, _byId.Keys);
            _diagnostics.Error(DiagnosticCodes.UnknownNeed, need.Location, need.Path, $"unknown step '{need.Id}'{hint}");
        }

        return resolved;
    }

    private HashSet<int> Exits(StepItem item) => item switch
    {
        StepEntry step => [step.Ordinal],
        GroupEntry { Kind: GroupKind.Parallel } group => group.Items.SelectMany(Exits).ToHashSet(),
        GroupEntry group => group.Items.Select(Exits).LastOrDefault(e => e.Count > 0) ?? [],
        _ => [],
    };
}
