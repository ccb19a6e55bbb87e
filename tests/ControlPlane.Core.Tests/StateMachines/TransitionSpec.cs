using ControlPlane.Core.StateMachines;

namespace ControlPlane.Core.Tests.StateMachines;

/// <summary>Turns a spec's list of legal transitions into theory data: the legal rows, and every other (state, trigger) pair.</summary>
internal static class TransitionSpec
{
    public static TheoryData<TState, TTrigger, TState> Legal<TState, TTrigger>(IEnumerable<(TState From, TTrigger Trigger, TState To)> legal)
        where TState : struct, Enum
        where TTrigger : struct, Enum
    {
        var data = new TheoryData<TState, TTrigger, TState>();
        foreach (var (from, trigger, to) in legal)
        {
            data.Add(from, trigger, to);
        }

        return data;
    }

    public static TheoryData<TState, TTrigger> Illegal<TState, TTrigger>(IEnumerable<(TState From, TTrigger Trigger, TState To)> legal)
        where TState : struct, Enum
        where TTrigger : struct, Enum
    {
        var legalPairs = legal.Select(t => (t.From, t.Trigger)).ToHashSet();
        var data = new TheoryData<TState, TTrigger>();
        foreach (var state in Enum.GetValues<TState>())
        {
            foreach (var trigger in Enum.GetValues<TTrigger>().Where(t => !legalPairs.Contains((state, t))))
            {
                data.Add(state, trigger);
            }
        }

        return data;
    }

    public static void AssertIllegal<TState, TTrigger>(TransitionTable<TState, TTrigger> table, TState from, TTrigger trigger)
        where TState : struct, Enum
        where TTrigger : struct, Enum
    {
        Assert.False(table.IsLegal(from, trigger));
        var error = Assert.Throws<IllegalTransitionException>(() => table.Next(from, trigger));
        Assert.Equal(table.Entity, error.Entity);
        Assert.Equal(EnumText.ToText(from), error.From);
        Assert.Equal(EnumText.ToText(trigger), error.Trigger);
    }

    public static void AssertTableIsExactly<TState, TTrigger>(TransitionTable<TState, TTrigger> table, IEnumerable<(TState From, TTrigger Trigger, TState To)> legal)
        where TState : struct, Enum
        where TTrigger : struct, Enum
    {
        var expected = legal.Select(t => new Transition<TState, TTrigger>(t.From, t.Trigger, t.To)).ToHashSet();
        Assert.Equal(expected.Count, table.Transitions.Count);
        Assert.Subset(expected, table.Transitions.ToHashSet());
    }
}
