using ControlPlane.Contracts.V1;

namespace ControlPlane.EndToEnd.Tests.Support;

/// <summary>The invariants every fault scenario checks at the end: nothing lost, nothing succeeded twice, logs complete.</summary>
internal static class RunAssert
{
    /// <summary>The run succeeded and every step has exactly one succeeded attempt, with its log marked complete.</summary>
    public static void EveryStepSucceededExactlyOnce(GetRunResponse run)
    {
        Assert.Equal(RunState.Succeeded, run.Run.State);
        foreach (var step in run.Steps)
        {
            var succeeded = step.Attempts.Where(a => a.State == AttemptState.Succeeded).ToList();
            Assert.True(succeeded.Count == 1, $"step {step.Key}: {succeeded.Count} succeeded attempts\n{step}");
            Assert.True(succeeded[0].LogComplete, $"step {step.Key}: the succeeded attempt's log is not complete\n{step}");
        }
    }

    /// <summary>
    /// The attempts that started the step's process. Under load an offer can expire before the agent accepts it; the
    /// step is then offered again, and the expired offer stays as an attempt that never started.
    /// </summary>
    public static List<Attempt> Started(Step step) => [.. step.Attempts.Where(a => a.StartedAt is not null)];

    /// <summary>Each key appears exactly once among the lines of <paramref name="effectsFile"/>: the side effect happened once.</summary>
    public static void EachSideEffectOnce(string effectsFile, IEnumerable<string> keys)
    {
        var counts = File.ReadAllLines(effectsFile).GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
        var wrong = keys.Select(k => (Key: k, Count: counts.GetValueOrDefault(k))).Where(c => c.Count != 1).ToList();
        Assert.True(wrong.Count == 0, "side effects not exactly once: " + string.Join(", ", wrong.Select(w => $"{w.Key} x{w.Count}")));
        Assert.Equal(counts.Count, keys.Count());
    }
}
