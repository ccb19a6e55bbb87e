using ControlPlane.Core.Expressions.Syntax;

namespace ControlPlane.Core.Tests.Expressions.Syntax;

public class ExpressionParserTests
{
    [Fact]
    public void Property_access_and_index_build_a_chain_from_the_context()
    {
        var node = ExpressionParser.Parse("steps.build.outputs['version']");

        var index = Assert.IsType<IndexAccessExpression>(node);
        Assert.Equal(new LiteralExpression("version", 20), index.Index);
        var outputs = Assert.IsType<PropertyAccessExpression>(index.Target);
        Assert.Equal("outputs", outputs.Property);
        var build = Assert.IsType<PropertyAccessExpression>(outputs.Target);
        Assert.Equal("build", build.Property);
        Assert.Equal(new ContextExpression("steps", 0), build.Target);
    }

    [Fact]
    public void Identifiers_may_contain_dashes()
    {
        var node = ExpressionParser.Parse("steps.unit-tests.outcome");

        Assert.Equal("unit-tests", Assert.IsType<PropertyAccessExpression>(Assert.IsType<PropertyAccessExpression>(node).Target).Property);
    }

    [Theory]
    [InlineData("a || b && c", "Or(a, And(b, c))")]
    [InlineData("a && b || c", "Or(And(a, b), c)")]
    [InlineData("a == b && c != d", "And(Equal(a, b), NotEqual(c, d))")]
    [InlineData("a < b == c >= d", "Equal(Less(a, b), GreaterOrEqual(c, d))")]
    [InlineData("!a == b", "Equal(Not(a), b)")]
    [InlineData("!(a == b)", "Not(Equal(a, b))")]
    [InlineData("(a || b) && c", "And(Or(a, b), c)")]
    [InlineData("contains(a, 'x') || b", "Or(contains(a, 'x'), b)")]
    [InlineData("a.b[c.d]", "a.b[c.d]")]
    public void Operators_bind_with_github_actions_precedence(string text, string expected)
    {
        Assert.Equal(expected, Show(ExpressionParser.Parse(text)));
    }

    [Theory]
    [InlineData("711", 711d)]
    [InlineData("-9.2", -9.2)]
    [InlineData("0xff", 255d)]
    [InlineData("-2.99e-2", -0.0299)]
    [InlineData("1e3", 1000d)]
    [InlineData(".5", 0.5)]
    public void Number_literals_follow_json_plus_hex(string text, double expected)
    {
        Assert.Equal(expected, Assert.IsType<LiteralExpression>(ExpressionParser.Parse(text)).Value);
    }

    [Theory]
    [InlineData("'It''s open source!'", "It's open source!")]
    [InlineData("''", "")]
    [InlineData("'}}'", "}}")]
    public void String_literals_use_single_quotes_with_doubled_quote_escapes(string text, string expected)
    {
        Assert.Equal(expected, Assert.IsType<LiteralExpression>(ExpressionParser.Parse(text)).Value);
    }

    [Fact]
    public void Keywords_are_literals()
    {
        Assert.Equal(true, ((LiteralExpression)ExpressionParser.Parse("true")).Value);
        Assert.Equal(false, ((LiteralExpression)ExpressionParser.Parse("false")).Value);
        Assert.Null(((LiteralExpression)ExpressionParser.Parse("null")).Value);
    }

    [Fact]
    public void Function_names_match_case_insensitively_and_are_normalized()
    {
        var call = Assert.IsType<FunctionCallExpression>(ExpressionParser.Parse("STARTSWITH('a', 'b')"));

        Assert.Equal("startsWith", call.Name);
    }

    [Theory]
    [InlineData("", 0, "the expression is empty")]
    [InlineData("a ==", 4, "expected a value, got the end of the expression")]
    [InlineData("a = b", 2, "unexpected '='; compare with '=='")]
    [InlineData("a & b", 2, "unexpected '&'; write '&&' for a logical and")]
    [InlineData("a | b", 2, "unexpected '|'; write '||' for a logical or")]
    [InlineData("\"text\"", 0, "strings in expressions use single quotes: 'text'")]
    [InlineData("'open", 0, "string is not closed; add a ' (write '' for a quote inside a string)")]
    [InlineData("(a == b", 7, "expected ')' to close '(' at offset 0, got the end of the expression")]
    [InlineData("a[0", 3, "expected ']' to close '[' at offset 1, got the end of the expression")]
    [InlineData("a b", 2, "unexpected 'b' after a complete expression; did you miss an operator such as '==' or '&&'?")]
    [InlineData("a.", 1, "expected a property name after '.', got the end of the expression")]
    [InlineData("a.'b'", 2, "expected a property name after '.', got ''b''")]
    [InlineData("frob()", 0, "unknown function 'frob'")]
    [InlineData("tojson()", 0, "toJSON() takes 1 argument, got 0")]
    [InlineData("join()", 0, "join() takes 1 to 2 arguments, got 0")]
    [InlineData("format()", 0, "format() takes at least 1 argument, got 0")]
    [InlineData("success(1)", 0, "success() takes no arguments, got 1")]
    [InlineData("1.2.3", 0, "'1.2.3' is not a valid number")]
    [InlineData("a # b", 2, "unexpected character '#'")]
    [InlineData("a ? b : c", 2, "unexpected character '?'")]
    public void Syntax_errors_carry_their_position(string text, int position, string message)
    {
        var error = Assert.Throws<ExpressionSyntaxException>(() => ExpressionParser.Parse(text));

        Assert.Equal((position, message), (error.Position, error.Message));
    }

    [Fact]
    public void Nesting_is_bounded_so_hostile_input_cannot_overflow_the_stack()
    {
        var error = Assert.Throws<ExpressionSyntaxException>(() => ExpressionParser.Parse(new string('(', 60) + "a" + new string(')', 60)));

        Assert.Equal("the expression nests deeper than 50 levels", error.Message);
    }

    [Fact]
    public void Length_is_bounded_so_evaluation_cannot_overflow_the_stack()
    {
        var text = string.Join(" || ", Enumerable.Repeat("a", 600));

        Assert.Equal("the expression is longer than 1000 tokens; split it up", Assert.Throws<ExpressionSyntaxException>(() => ExpressionParser.Parse(text)).Message);
    }

    private static string Show(ExpressionNode node) => node switch
    {
        LiteralExpression { Value: string s } => $"'{s}'",
        LiteralExpression literal => literal.Value?.ToString() ?? "null",
        ContextExpression context => context.Name,
        PropertyAccessExpression property => $"{Show(property.Target)}.{property.Property}",
        IndexAccessExpression index => $"{Show(index.Target)}[{Show(index.Index)}]",
        NotExpression not => $"Not({Show(not.Operand)})",
        ComparisonExpression comparison => $"{comparison.Operator}({Show(comparison.Left)}, {Show(comparison.Right)})",
        LogicalExpression logical => $"{logical.Operator}({Show(logical.Left)}, {Show(logical.Right)})",
        FunctionCallExpression call => $"{call.Name}({string.Join(", ", call.Arguments.Select(Show))})",
        _ => "?",
    };
}
