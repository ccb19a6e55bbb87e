namespace ControlPlane.Core.Planning;

/// <summary>
/// Kahn's algorithm in rounds: each round takes every step whose needs are all in earlier rounds.
/// Within a level, steps keep their plan order, so the result is the same on every run.
/// </summary>
internal static class TopologicalLevels
{
    /// <returns>Levels of keys; steps in a cycle (impossible for a validated definition) are left out.</returns>
    public static List<List<string>> Compute(IReadOnlyList<PlannedStep> steps)
    {
        var remaining = steps.ToDictionary(s => s.Key, s => s.Needs.Distinct().Count());
        var dependents = steps.SelectMany(s => s.Needs.Distinct().Select(n => (Need: n, s.Key))).ToLookup(p => p.Need, p => p.Key);
        var order = steps.Select((s, i) => (s.Key, i)).ToDictionary(p => p.Key, p => p.i);
        var levels = new List<List<string>>();
        var current = steps.Where(s => remaining[s.Key] == 0).Select(s => s.Key).ToList();
        while (current.Count > 0)
        {
            levels.Add(current);
            var next = new List<string>();
            foreach (var key in current)
            {
                foreach (var dependent in dependents[key])
                {
                    if (--remaining[dependent] == 0)
                    {
                        next.Add(dependent);
                    }
                }
            }

            current = [.. next.OrderBy(k => order[k])];
        }

        return levels;
    }
}
