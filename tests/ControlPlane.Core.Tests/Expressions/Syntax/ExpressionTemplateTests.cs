using ControlPlane.Core.Expressions.Syntax;

namespace ControlPlane.Core.Tests.Expressions.Syntax;

public class ExpressionTemplateTests
{
    [Fact]
    public void Text_and_expressions_are_split_with_their_offsets()
    {
        var template = ExpressionTemplate.Parse("echo ${{ inputs.name }}!");

        Assert.Collection(
            template.Segments,
            s => Assert.Equal(new TextSegment("echo ", 0), s),
            s => Assert.Equal((8, " inputs.name "), (((ExpressionSegment)s).Offset, ((ExpressionSegment)s).Source)),
            s => Assert.Equal(new TextSegment("!", 23), s));
        Assert.Null(template.SingleExpression);
    }

    [Fact]
    public void A_field_that_is_exactly_one_expression_is_a_single_expression()
    {
        Assert.NotNull(ExpressionTemplate.Parse("${{ fromJSON(inputs.list) }}").SingleExpression);
        Assert.Null(ExpressionTemplate.Parse(" ${{ a }}").SingleExpression);
    }

    [Fact]
    public void Closing_braces_inside_a_string_literal_do_not_end_the_expression()
    {
        var template = ExpressionTemplate.Parse("${{ format('{{0}}}}', 'x') }}");

        Assert.Single(template.Expressions);
    }

    [Fact]
    public void Error_positions_are_offsets_in_the_whole_field()
    {
        var error = Assert.Throws<ExpressionSyntaxException>(() => ExpressionTemplate.Parse("abc ${{ a == }}"));

        Assert.Equal(13, error.Position);
    }

    [Fact]
    public void Lenient_parsing_reports_every_broken_expression_and_keeps_the_good_ones()
    {
        var errors = new List<ExpressionSyntaxException>();

        var template = ExpressionTemplate.ParseLeniently("${{ a = }} ${{ b }} ${{ c. }}", errors);

        Assert.Equal([6, 25], errors.Select(e => e.Position));
        Assert.Single(template.Expressions);
    }

    [Theory]
    [InlineData("inputs.deploy", 0)]
    [InlineData("  inputs.deploy", 2)]
    [InlineData("${{ inputs.deploy }}", 3)]
    [InlineData("  ${{ inputs.deploy }}  ", 5)]
    public void Conditions_may_be_written_with_or_without_braces(string text, int offset)
    {
        var condition = ConditionExpression.Parse(text);

        Assert.Equal(offset, condition.Offset);
        Assert.IsType<PropertyAccessExpression>(condition.Expression);
    }

    [Fact]
    public void A_condition_mixing_text_and_braces_is_refused()
    {
        Assert.True(ConditionExpression.IsMixed("${{ a }} && b"));
        Assert.Throws<ExpressionSyntaxException>(() => ConditionExpression.Parse("${{ a }} && b"));
    }
}
