using ControlPlane.Core.Expressions.Evaluation;

namespace ControlPlane.Core.Tests.Expressions.Evaluation;

public class FunctionTests
{
    private static object? Eval(string expression) => ExpressionEvaluator.Evaluate(expression, ExpressionContext.Empty);

    [Theory]
    [InlineData("contains('Hello world', 'WORLD')", true)]
    [InlineData("contains('Hello', 'bye')", false)]
    [InlineData("contains(fromJSON('[\"a\", 1]'), 'A')", true)]
    [InlineData("contains(fromJSON('[\"a\", 1]'), '1')", true)]
    [InlineData("contains(fromJSON('[\"a\"]'), 'b')", false)]
    [InlineData("startsWith('refs/heads/main', 'REFS/')", true)]
    [InlineData("endsWith('report.json', '.JSON')", true)]
    [InlineData("endsWith('report.json', '.xml')", false)]
    public void String_and_array_search_ignores_case(string expression, bool expected)
    {
        Assert.Equal(expected, Eval(expression));
    }

    [Theory]
    [InlineData("format('Hello {0} {1} {0}', 'Mona', 'the')", "Hello Mona the Mona")]
    [InlineData("format('{{0}} is {0}', 1)", "{0} is 1")]
    [InlineData("format('plain')", "plain")]
    [InlineData("join(fromJSON('[\"a\", \"b\", 3]'))", "a,b,3")]
    [InlineData("join(fromJSON('[\"a\", \"b\"]'), ' | ')", "a | b")]
    [InlineData("join('single')", "single")]
    [InlineData("toJSON('x')", "\"x\"")]
    [InlineData("toJSON(3)", "3")]
    [InlineData("toJSON(null)", "null")]
    public void Formatting_functions_produce_text(string expression, string expected)
    {
        Assert.Equal(expected, Eval(expression));
    }

    [Fact]
    public void ToJson_and_fromJson_round_trip_objects()
    {
        var value = Eval("fromJSON(toJSON(fromJSON('{\"a\": [1, true, null], \"b\": \"x\"}')))");

        var map = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(value);
        Assert.Equal("x", map["B"]);
        Assert.Equal(new object?[] { 1d, true, null }, Assert.IsAssignableFrom<IReadOnlyList<object?>>(map["a"]));
    }

    [Fact]
    public void ToJson_is_indented_like_github_actions()
    {
        Assert.Equal("{\n  \"a\": 1\n}", ((string)Eval("toJSON(fromJSON('{\"a\":1}'))")!).ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("fromJSON('{nope')", "fromJSON: '{nope' is not valid JSON")]
    [InlineData("format('{0} {1}', 'a')", "format: '{0} {1}' uses {1} but only 1 argument was given after the pattern")]
    [InlineData("format('{x}')", "format: '{' at offset 0 of '{x}' must start a placeholder like {0}; write '{{' for a literal brace")]
    [InlineData("format('a } b')", "format: '}' at offset 2 of 'a } b' has no matching '{'; write '}}' for a literal brace")]
    [InlineData("success()", "success() can only be used in an 'if' condition")]
    [InlineData("startsWith(fromJSON('[1]'), 'x')", "cannot convert an array to a string; use toJSON()")]
    public void Failures_are_evaluation_errors_with_clear_messages(string expression, string message)
    {
        var error = Assert.Throws<ExpressionEvaluationException>(() => Eval(expression));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, error.Position);
    }
}
