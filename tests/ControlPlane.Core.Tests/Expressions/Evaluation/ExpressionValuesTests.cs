using ControlPlane.Core.Expressions.Evaluation;

namespace ControlPlane.Core.Tests.Expressions.Evaluation;

public class ExpressionValuesTests
{
    public static TheoryData<object?, bool> Truthiness => new()
    {
        { null, false },
        { false, false },
        { 0d, false },
        { -0d, false },
        { double.NaN, false },
        { "", false },
        { true, true },
        { 1d, true },
        { "false", true },
        { "0", true },
        { new List<object?>(), true },
        { new Dictionary<string, object?>(), true },
    };

    [Theory]
    [MemberData(nameof(Truthiness))]
    public void Falsy_values_are_false_zero_nan_empty_string_and_null(object? value, bool expected)
    {
        Assert.Equal(expected, ExpressionValues.IsTruthy(value));
    }

    [Theory]
    [InlineData(null, 0d)]
    [InlineData(true, 1d)]
    [InlineData(false, 0d)]
    [InlineData("", 0d)]
    [InlineData("  42  ", 42d)]
    [InlineData("-1.5e2", -150d)]
    [InlineData("+7", 7d)]
    [InlineData("0x1F", 31d)]
    [InlineData("0o17", 15d)]
    [InlineData("Infinity", double.PositiveInfinity)]
    [InlineData("-Infinity", double.NegativeInfinity)]
    [InlineData("12abc", double.NaN)]
    [InlineData("--1", double.NaN)]
    public void Conversion_to_number_follows_the_documented_rules(object? value, double expected)
    {
        Assert.Equal(expected, ExpressionValues.ToNumber(value));
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData(true, "true")]
    [InlineData(3d, "3")]
    [InlineData(-0d, "0")]
    [InlineData(2.5, "2.5")]
    [InlineData(0.1 + 0.2, "0.3")]
    [InlineData(1e21, "1e+21")]
    [InlineData(double.NaN, "NaN")]
    public void Conversion_to_text_prints_integral_numbers_without_decimals(object? value, string expected)
    {
        Assert.Equal(expected, ExpressionValues.ToText(value));
    }

    [Fact]
    public void Clr_numbers_from_callers_are_treated_as_doubles()
    {
        Assert.True(ExpressionValues.LooseEquals(3, 3.0));
        Assert.Equal("7", ExpressionValues.ToText(7L));
    }

    [Fact]
    public void Arrays_and_objects_are_equal_only_to_themselves()
    {
        var list = new List<object?> { 1d };

        Assert.True(ExpressionValues.LooseEquals(list, list));
        Assert.False(ExpressionValues.LooseEquals(list, new List<object?> { 1d }));
        Assert.False(ExpressionValues.LooseEquals(list, 1d));
    }

    [Fact]
    public void Comparison_of_incomparable_values_has_no_order()
    {
        Assert.Null(ExpressionValues.Compare("abc", 1d));
        Assert.Equal(0, ExpressionValues.Compare("ABC", "abc"));
    }
}
