using System.Text;
using ControlPlane.Core.Tests.Support;

namespace ControlPlane.Core.Tests.Definitions.Syntax;

/// <summary>Size limits of a YAML file: what aliases copy is budgeted apart from what is written out.</summary>
public class DocumentSizeLimitTests
{
    [Fact]
    public void A_large_file_without_aliases_loads()
    {
        var text = new StringBuilder("name: big\nsteps:\n");
        for (var i = 0; i < 20_000; i++)
        {
            text.Append("  - id: s").Append(i).Append("\n    run: echo ").Append(i).Append("\n    env: {A: '1', B: '2'}\n");
        }

        var definition = TestWorkflows.Load(text.ToString());

        Assert.Equal(20_000, definition.Steps.Count);
        Assert.Equal("echo 19999", ((ControlPlane.Core.Definitions.RunAction)definition.Steps[^1].Action).Script);
    }

    [Fact]
    public void A_file_over_the_node_limit_is_told_its_size_not_about_aliases()
    {
        var text = new StringBuilder("steps:\n  - id: a\n    run: echo\n    env: {}\nx: [");
        text.Insert(text.Length, "0,", 1_000_001).Append("0]\n");

        var diagnostics = TestWorkflows.Diagnose(text.ToString());

        var error = Assert.Single(diagnostics);
        Assert.StartsWith("test.yaml:5:", error, StringComparison.Ordinal);
        Assert.EndsWith("error CP0004: the document has more than 1,000,000 nodes (values, keys, lists and mappings); split it into several workflows", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_billion_laughs_file_is_refused_at_the_alias_that_crosses_the_budget()
    {
        // Nine levels of nine: 9^9 (387 million) copies of "lol" from about 900 bytes.
        var lines = new List<string> { "lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]" };
        for (var i = 1; i < 9; i++)
        {
            lines.Add($"lol{i}: &l{i} [" + string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 9)) + "]");
        }

        var diagnostics = TestWorkflows.Diagnose(string.Join("\n", lines) + "\nsteps: [{id: a, run: echo}]\n");

        // The aliases of levels 1 to 4 copy 74,718 nodes; each alias on level 5 copies 66,430 more (level 4's value), so
        // its second alias (line 6, column 17) is the one that passes 200,000. Nothing after it is read.
        Assert.Equal(
            ["test.yaml:6:17: error CP0004: the aliases in the document stand for more than 200,000 copied nodes (an alias repeats its anchor's whole value, so nested aliases multiply); write the values out or use fewer aliases"],
            diagnostics);
    }

    [Fact]
    public void Aliases_used_within_the_budget_load()
    {
        var text = new StringBuilder("env: &common {A: '1', B: '2', C: '3'}\nsteps:\n");
        for (var i = 0; i < 1_000; i++)
        {
            text.Append("  - {id: s").Append(i).Append(", run: echo, env: *common}\n");
        }

        var definition = TestWorkflows.Load(text.ToString());

        Assert.All(definition.Steps, s => Assert.Equal("3", s.Env["C"]));
    }
}
