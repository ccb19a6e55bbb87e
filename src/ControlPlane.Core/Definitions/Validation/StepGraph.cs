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

    public StepGraph(IReadOnlyList<StepEntry> steps, IReadOnlyList<IReadOnlyList<int>> needs)
    {
        Steps = steps;
        _needs = needs;
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

    public string NameOf(int ordinal) => Steps[ordinal].Id ?? Steps[ordinal].Path;
}
