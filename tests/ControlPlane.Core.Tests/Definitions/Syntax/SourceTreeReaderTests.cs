using ControlPlane.Core.Tests.Support;

namespace ControlPlane.Core.Tests.Definitions.Syntax;

public class SourceTreeReaderTests
{
    [Fact]
    public void A_yaml_syntax_error_becomes_a_diagnostic_with_its_position()
    {
        var diagnostics = TestWorkflows.Diagnose("name: ci\nsteps:\n  - id: a\n    run: echo\n   bad: indentation\n");

        var diagnostic = Assert.Single(diagnostics);
        Assert.StartsWith("test.yaml:5:4: error CP0001: invalid YAML: ", diagnostic, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unclosed_flow_sequence_is_reported_where_the_parser_gave_up()
    {
        var diagnostics = TestWorkflows.Diagnose("steps: [\n  {id: a, run: echo}\n");

        Assert.Equal(["test.yaml:3:1: error CP0001: invalid YAML: while parsing a flow sequence, did not find expected ',' or ']'"], diagnostics);
    }

    [Fact]
    public void A_duplicate_key_is_reported_at_the_second_occurrence()
    {
        var diagnostics = TestWorkflows.Diagnose("steps:\n  - id: a\n    run: echo 1\n    run: echo 2\n");

        Assert.Equal(["test.yaml:4:5: error CP0003: duplicate key 'run'; it is already defined on line 3"], diagnostics);
    }

    [Theory]
    [InlineData("", "test.yaml:1:1: error CP0004: the file is empty; a workflow needs at least 'steps'")]
    [InlineData("# only a comment\n", "test.yaml:1:1: error CP0004: the file is empty; a workflow needs at least 'steps'")]
    [InlineData("- a\n- b\n", "test.yaml:1:1: error CP0004: a workflow must be a mapping with keys such as 'name' and 'steps', got a list")]
    [InlineData("just text\n", "test.yaml:1:1: error CP0004: a workflow must be a mapping with keys such as 'name' and 'steps', got a string")]
    public void A_document_that_is_not_a_mapping_is_rejected(string text, string expected)
    {
        Assert.Equal([expected], TestWorkflows.Diagnose(text));
    }

    [Fact]
    public void A_second_yaml_document_is_rejected()
    {
        var diagnostics = TestWorkflows.Diagnose("steps:\n  - {id: a, run: echo}\n---\nname: other\n");

        Assert.Equal(["test.yaml:3:1: error CP0004: a workflow file holds one YAML document; remove the second '---' and what follows"], diagnostics);
    }

    [Fact]
    public void An_alias_to_an_undefined_anchor_is_reported()
    {
        var diagnostics = TestWorkflows.Diagnose("steps:\n  - id: a\n    run: echo\n    env: *common\n");

        Assert.Contains("test.yaml:4:10: error CP0005: alias '*common' refers to an anchor that is not defined before it", diagnostics);
    }

    [Fact]
    public void Anchors_and_aliases_share_values()
    {
        var definition = TestWorkflows.Load("env: &common\n  A: '1'\nsteps:\n  - id: a\n    run: echo\n    env: *common\n");

        Assert.Equal("1", definition.Steps[0].Env["A"]);
    }

    [Fact]
    public void Alias_expansion_that_explodes_is_refused_instead_of_hanging()
    {
        var lines = new List<string> { "a0: &a0 [x, x, x, x, x, x, x, x, x, x]" };
        for (var i = 1; i < 8; i++)
        {
            lines.Add($"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]");
        }

        var diagnostics = TestWorkflows.Diagnose(string.Join("\n", lines) + "\nsteps: []\n");

        Assert.Contains(diagnostics, d => d.Contains("error CP0004: the aliases in the document stand for more than 200,000 copied nodes", StringComparison.Ordinal));
    }

    [Fact]
    public void Deep_nesting_is_refused()
    {
        var text = "steps: " + new string('[', 100) + new string(']', 100) + "\n";

        Assert.Equal(["test.yaml:1:72: error CP0004: the document nests deeper than 64 levels"], TestWorkflows.Diagnose(text));
    }

    [Theory]
    [InlineData("on")]
    [InlineData("yes")]
    [InlineData("NO")]
    [InlineData("off")]
    public void Yaml_1_1_booleans_stay_strings(string word)
    {
        var definition = TestWorkflows.Load($"steps:\n  - id: a\n    run: echo\n    env:\n      COUNTRY: {word}\n");

        Assert.Equal(word, definition.Steps[0].Env["COUNTRY"]);
    }

    [Fact]
    public void A_quoted_number_is_a_string_where_a_number_is_expected()
    {
        var diagnostics = TestWorkflows.Diagnose("steps:\n  - id: a\n    run: echo\n    retry:\n      attempts: '3'\n");

        Assert.Equal(["test.yaml:5:17: error CP1003 steps[0].retry.attempts: expected a whole number, got a string"], diagnostics);
    }

    [Fact]
    public void Windows_line_endings_do_not_shift_positions()
    {
        var diagnostics = TestWorkflows.Diagnose("steps:\r\n  - id: a\r\n    run: echo\r\n    needz: [b]\r\n");

        Assert.Equal(["test.yaml:4:5: error CP1001 steps[0].needz: unknown key 'needz' in a step; did you mean 'needs'?"], diagnostics);
    }
}
