using ControlPlane.Core.Tests.Support;

namespace ControlPlane.Core.Tests.Definitions.Validation;

public class GroupExpansionTests
{
    [Fact]
    public void Top_level_steps_are_independent_unless_they_declare_needs()
    {
        var definition = TestWorkflows.Load("steps:\n  - {id: a, run: echo}\n  - {id: b, run: echo}\n");

        Assert.All(definition.Steps, s => Assert.Empty(s.Needs));
    }

    [Fact]
    public void Each_entry_of_a_sequence_needs_the_one_before()
    {
        var definition = TestWorkflows.Load("""
            steps:
              - sequence:
                  - {id: a, run: echo}
                  - {id: b, run: echo}
                  - {id: c, run: echo}
            """);

        Assert.Equal(["a"], definition.FindStep("b")!.Needs);
        Assert.Equal(["b"], definition.FindStep("c")!.Needs);
    }

    [Fact]
    public void A_step_after_a_parallel_group_needs_all_of_its_exits()
    {
        var definition = TestWorkflows.Load("""
            steps:
              - sequence:
                  - parallel:
                      - {id: a, run: echo}
                      - sequence:
                          - {id: b1, run: echo}
                          - {id: b2, run: echo}
                  - {id: after, run: echo}
            """);

        Assert.Equal(["a", "b2"], definition.FindStep("after")!.Needs);
        Assert.Empty(definition.FindStep("a")!.Needs);
        Assert.Equal(["b1"], definition.FindStep("b2")!.Needs);
    }

    [Fact]
    public void A_group_passes_its_needs_to_its_first_entries()
    {
        var definition = TestWorkflows.Load("""
            steps:
              - {id: setup, run: echo}
              - needs: setup
                parallel:
                  - {id: a, run: echo}
                  - sequence:
                      - {id: b, run: echo}
                      - {id: c, run: echo}
            """);

        Assert.Equal(["setup"], definition.FindStep("a")!.Needs);
        Assert.Equal(["setup"], definition.FindStep("b")!.Needs);
        Assert.Equal(["b"], definition.FindStep("c")!.Needs);
    }

    [Fact]
    public void Needing_a_group_by_id_means_needing_its_exits()
    {
        var definition = TestWorkflows.Load("""
            steps:
              - id: checks
                parallel:
                  - {id: lint, run: echo}
                  - {id: unit, run: echo}
              - id: release
                sequence:
                  - {id: tag, run: echo}
                  - {id: publish, run: echo}
              - {id: announce, needs: [checks, release], run: echo}
            """);

        Assert.Equal(["lint", "unit", "publish"], definition.FindStep("announce")!.Needs);
    }

    [Fact]
    public void Explicit_needs_inside_a_sequence_add_to_the_implied_ones()
    {
        var definition = TestWorkflows.Load("""
            steps:
              - {id: x, run: echo}
              - sequence:
                  - {id: a, run: echo}
                  - {id: b, needs: x, run: echo}
            """);

        Assert.Equal(["x", "a"], definition.FindStep("b")!.Needs);
    }

    [Fact]
    public void Nested_groups_and_explicit_needs_describe_the_same_graph()
    {
        var nested = TestWorkflows.Load("""
            steps:
              - sequence:
                  - {id: a, run: echo}
                  - parallel:
                      - {id: b, run: echo}
                      - {id: c, run: echo}
                  - {id: d, run: echo}
            """);
        var flat = TestWorkflows.Load("""
            steps:
              - {id: a, run: echo}
              - {id: b, needs: a, run: echo}
              - {id: c, needs: a, run: echo}
              - {id: d, needs: [b, c], run: echo}
            """);

        Assert.Equal(flat.Steps.Select(s => string.Join(",", s.Needs)), nested.Steps.Select(s => string.Join(",", s.Needs)));
    }
}
