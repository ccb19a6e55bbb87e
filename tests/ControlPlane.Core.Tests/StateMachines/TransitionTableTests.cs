using ControlPlane.Core.StateMachines;

namespace ControlPlane.Core.Tests.StateMachines;

public class TransitionTableTests
{
    private enum Light
    {
        Red,
        Green,
    }

    private enum Signal
    {
        Go,
        Stop,
    }

    [Fact]
    public void A_pair_listed_twice_is_refused_when_the_table_is_built()
    {
        var error = Assert.Throws<ArgumentException>(() => new TransitionTable<Light, Signal>(
            "light", [], [(Light.Red, Signal.Go, Light.Green), (Light.Red, Signal.Go, Light.Red)]));

        Assert.Contains("(Red, Go) twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_illegal_transition_names_the_entity_the_state_and_the_trigger()
    {
        var table = new TransitionTable<Light, Signal>("light", [], [(Light.Red, Signal.Go, Light.Green)]);

        var error = Assert.Throws<IllegalTransitionException>(() => table.Next(Light.Green, Signal.Go));

        Assert.Equal("A light in state 'green' cannot take trigger 'go'.", error.Message);
    }

    [Fact]
    public void Triggers_from_a_state_are_those_the_table_lists_for_it()
    {
        var table = new TransitionTable<Light, Signal>("light", [], [(Light.Red, Signal.Go, Light.Green), (Light.Green, Signal.Stop, Light.Red)]);

        Assert.Equal([Signal.Go], table.TriggersFrom(Light.Red));
    }
}
