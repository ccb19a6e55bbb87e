using ControlPlane.Core.Definitions.Parsing;

namespace ControlPlane.Core.Definitions.Validation;

/// <summary>
/// Resolved dependencies between steps, by step ordinal (index in file order), with groups already
/// expanded. Ordinals are used rather than ids so steps with a missing or duplicate id still take part.
/// </summary>
internal sealed class StepGraph
{
    private readonly IReadOnlyList<IReadOnlyList<int>> _needs;
    private readonly Dictionary<int, HashSet<int>> _ancestors = [];
    private readonly IReadOnlyDictionary<(int Step, int Need), NeedReference> _edgeSources;

    public StepGraph(IReadOnlyList<StepEntry> steps, IReadOnlyList<IReadOnlyList<int>> needs, IReadOnlyDictionary<(int Step, int Need), NeedReference> edgeSources)
    {
        Steps = steps;
        _needs = needs;
        _edgeSources = edgeSources;
    }

    public IReadOnlyList<StepEntry> Steps { get; }

    public IReadOnlyList<int> NeedsOf(int ordinal) => _needs[ordinal];

    public StepEntry? FindById(string id) => Steps.FirstOrDefault(s => s.Id == id);

    /// <summary>Every step <paramref name="ordinal"/> waits for, directly or through others.</summary>
    public IReadOnlySet<int> Ancestors(int ordinal)
    {
        if (_ancestors.TryGetValue(ordinal, out var cached))
        {
            return cached;
        }

        var found = new HashSet<int>();
        var pending = new Stack<int>(_needs[ordinal]);
        while (pending.Count > 0)
        {
            var next = pending.Pop();
            if (found.Add(next))
            {
                foreach (var need in _needs[next])
                {
                    pending.Push(need);
                }
            }
        }

        _ancestors[ordinal] = found;
        return found;
    }

    /// <summary>The <c>needs</c> entry (of the step or an enclosing group) that made <paramref name="step"/> need <paramref name="need"/>, if one did.</summary>
    public NeedReference? SourceOf(int step, int need) => _edgeSources.GetValueOrDefault((step, need));

    public string NameOf(int ordinal) => Steps[ordinal].Id ?? Steps[ordinal].Path;
}
