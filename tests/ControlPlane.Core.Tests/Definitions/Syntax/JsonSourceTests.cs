using ControlPlane.Core.Tests.Support;

namespace ControlPlane.Core.Tests.Definitions.Syntax;

public class JsonSourceTests
{
    private const string Valid = """
        {
          "name": "ci",
          "steps": [
            { "id": "build", "run": "echo build" },
            { "id": "test", "needs": ["build"], "run": "echo test" }
          ]
        }
        """;

    [Fact]
    public void A_json_file_loads_like_the_equivalent_yaml()
    {
        var definition = TestWorkflows.Load(Valid, "ci.json");

        Assert.Equal("ci", definition.Name);
        Assert.Equal(["build"], definition.Steps[1].Needs);
    }

    [Fact]
    public void Json_nodes_keep_their_line_and_column()
    {
        var text = Valid.Replace("\"needs\": [\"build\"]", "\"needs\": [\"biuld\"]", StringComparison.Ordinal);

        Assert.Equal(["ci.json:5:31: error CP1004 steps[1].needs[0]: unknown step 'biuld'; did you mean 'build'?"], TestWorkflows.Diagnose(text, "ci.json"));
    }

    [Fact]
    public void A_trailing_comma_is_a_json_syntax_error_with_position()
    {
        var text = Valid.Replace("\"echo test\" }", "\"echo test\" },", StringComparison.Ordinal);

        var diagnostic = Assert.Single(TestWorkflows.Diagnose(text, "ci.json"));
        Assert.StartsWith("ci.json:6:3: error CP0002: invalid JSON: ", diagnostic, StringComparison.Ordinal);
    }

    [Fact]
    public void Single_quotes_are_a_json_syntax_error_with_position()
    {
        var diagnostic = Assert.Single(TestWorkflows.Diagnose("{\n  'name': 'ci'\n}", "ci.json"));

        Assert.StartsWith("ci.json:2:3: error CP0002: invalid JSON: ", diagnostic, StringComparison.Ordinal);
    }

    [Fact]
    public void Columns_count_characters_not_utf8_bytes()
    {
        var text = "{\"name\": \"café ☕\", \"stepz\": []}";

        Assert.Contains("ci.json:1:20: error CP1001 stepz: unknown key 'stepz' in the workflow; did you mean 'steps'?", TestWorkflows.Diagnose(text, "ci.json"));
    }

    [Fact]
    public void Duplicate_json_keys_are_reported()
    {
        var diagnostics = TestWorkflows.Diagnose("{\"steps\": [], \"steps\": []}", "ci.json");

        Assert.Contains("ci.json:1:15: error CP0003: duplicate key 'steps'; it is already defined on line 1", diagnostics);
    }

    [Fact]
    public void Json_strings_with_escapes_still_locate_expression_errors()
    {
        var text = "{\"steps\": [{\"id\": \"a\", \"run\": \"echo \\\"x\\\" ${{ inputs.nope }}\"}]}";

        Assert.Equal(["ci.json:1:47: error CP1503 steps[0].run: unknown input 'nope'; the workflow declares no inputs"], TestWorkflows.Diagnose(text, "ci.json"));
    }
}
