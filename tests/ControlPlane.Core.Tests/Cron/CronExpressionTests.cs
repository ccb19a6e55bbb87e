using ControlPlane.Core.Cron;

namespace ControlPlane.Core.Tests.Cron;

public class CronExpressionTests
{
    [Fact]
    public void Five_fields_parse_into_value_sets()
    {
        var cron = CronExpression.Parse("*/15 9-17 1,15 JAN-MAR MON-FRI");

        Assert.Equal([0, 15, 30, 45], cron.Minutes);
        Assert.Equal(Enumerable.Range(9, 9), cron.Hours);
        Assert.Equal([1, 15], cron.DaysOfMonth);
        Assert.Equal([1, 2, 3], cron.Months);
        Assert.Equal([1, 2, 3, 4, 5], cron.DaysOfWeek);
        Assert.True(cron.DayOfMonthRestricted);
        Assert.True(cron.DayOfWeekRestricted);
    }

    [Theory]
    [InlineData("5/20 * * * *", new[] { 5, 25, 45 })]
    [InlineData("10-30/10 * * * *", new[] { 10, 20, 30 })]
    [InlineData("0,30 * * * *", new[] { 0, 30 })]
    [InlineData("59 * * * *", new[] { 59 })]
    public void Minutes_accept_lists_ranges_and_steps(string text, int[] minutes)
    {
        Assert.Equal(minutes, CronExpression.Parse(text).Minutes);
    }

    [Fact]
    public void Seven_means_sunday_and_names_are_case_insensitive()
    {
        Assert.Equal([0, 6], CronExpression.Parse("0 0 * * sat,7").DaysOfWeek);
        Assert.Equal([0, 5, 6], CronExpression.Parse("0 0 * * 5-7").DaysOfWeek);
        Assert.Equal([12], CronExpression.Parse("0 0 * dec *").Months);
    }

    [Theory]
    [InlineData("@yearly", "0 0 1 1 *")]
    [InlineData("@annually", "0 0 1 1 *")]
    [InlineData("@monthly", "0 0 1 * *")]
    [InlineData("@weekly", "0 0 * * 0")]
    [InlineData("@daily", "0 0 * * *")]
    [InlineData("@midnight", "0 0 * * *")]
    [InlineData("@hourly", "0 * * * *")]
    public void Macros_mean_their_five_field_forms(string macro, string equivalent)
    {
        var a = CronExpression.Parse(macro);
        var b = CronExpression.Parse(equivalent);

        Assert.Equal(Describe(b), Describe(a));
        Assert.Equal(macro, a.Text);
    }

    private static string Describe(CronExpression cron) =>
        string.Join(" ", new[] { cron.Minutes, cron.Hours, cron.DaysOfMonth, cron.Months, cron.DaysOfWeek }.Select(f => string.Join(",", f)))
        + $" {cron.DayOfMonthRestricted} {cron.DayOfWeekRestricted}";

    [Theory]
    [InlineData("* * * *", 0, "a cron expression has 5 fields (minute hour day-of-month month day-of-week), got 4")]
    [InlineData("* * * * * *", 10, "a cron expression has 5 fields (minute hour day-of-month month day-of-week), got 6")]
    [InlineData("60 * * * *", 0, "minute value 60 is out of range 0-59")]
    [InlineData("* 24 * * *", 2, "hour value 24 is out of range 0-23")]
    [InlineData("* * 0 * *", 4, "day-of-month value 0 is out of range 1-31")]
    [InlineData("* * * 13 *", 6, "month value 13 is out of range 1-12")]
    [InlineData("* * * * 8", 8, "day-of-week value 8 is out of range 0-7")]
    [InlineData("* * * * MON-FRY", 12, "'FRY' is not a valid day-of-week value; expected 0-7 or SUN-SAT")]
    [InlineData("1,,2 * * * *", 2, "empty list entry in the minute field")]
    [InlineData("*/x * * * *", 2, "step 'x' in the minute field must be a whole number of at least 1")]
    [InlineData("30-10 * * * *", 0, "range '30-10' in the minute field goes backwards")]
    [InlineData("@every", 0, "unknown cron macro '@every'; expected one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly")]
    [InlineData("? * * * *", 0, "'?' is not a valid minute value; expected 0-59")]
    public void Syntax_errors_name_the_field_and_position(string text, int position, string message)
    {
        Assert.False(CronExpression.TryParse(text, out _, out var error));

        Assert.Equal((position, message), (error!.Position, error.Message));
    }
}
