using System.Globalization;
using ControlPlane.Core.Cron;

namespace ControlPlane.Core.Tests.Cron;

public class CronNextAfterTests
{
    private static readonly TimeZoneInfo Utc = TimeZoneInfo.Utc;
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly TimeZoneInfo LordHowe = TimeZoneInfo.FindSystemTimeZoneById("Australia/Lord_Howe");

    [Theory]
    [InlineData("* * * * *", "2026-05-01T10:00:00Z", "2026-05-01T10:01:00Z")]
    [InlineData("* * * * *", "2026-05-01T10:00:30Z", "2026-05-01T10:01:00Z")]
    [InlineData("*/15 * * * *", "2026-05-01T10:07:00Z", "2026-05-01T10:15:00Z")]
    [InlineData("*/15 * * * *", "2026-05-01T10:45:00Z", "2026-05-01T11:00:00Z")]
    [InlineData("0 */6 * * *", "2026-05-01T06:00:00Z", "2026-05-01T12:00:00Z")]
    [InlineData("0 */6 * * *", "2026-05-01T23:59:00Z", "2026-05-02T00:00:00Z")]
    [InlineData("5,35 9-10 * * *", "2026-05-01T10:35:00Z", "2026-05-02T09:05:00Z")]
    [InlineData("30 8 * * MON-FRI", "2026-05-01T09:00:00Z", "2026-05-04T08:30:00Z")]
    [InlineData("0 0 * JUN *", "2026-05-01T09:00:00Z", "2026-06-01T00:00:00Z")]
    [InlineData("0 12 31 * *", "2026-04-01T00:00:00Z", "2026-05-31T12:00:00Z")]
    [InlineData("0 0 29 2 *", "2026-01-01T00:00:00Z", "2028-02-29T00:00:00Z")]
    [InlineData("0 0 30 2 *", "2026-01-01T00:00:00Z", null)]
    [InlineData("@hourly", "2026-05-01T10:00:00Z", "2026-05-01T11:00:00Z")]
    [InlineData("@daily", "2026-05-01T10:00:00Z", "2026-05-02T00:00:00Z")]
    [InlineData("@weekly", "2026-05-01T10:00:00Z", "2026-05-03T00:00:00Z")]
    [InlineData("@monthly", "2026-12-15T10:00:00Z", "2027-01-01T00:00:00Z")]
    [InlineData("@yearly", "2026-05-01T10:00:00Z", "2027-01-01T00:00:00Z")]
    [InlineData("0 0 * * 7", "2026-05-01T10:00:00Z", "2026-05-03T00:00:00Z")]
    public void Next_fire_in_utc_is_the_first_matching_minute_strictly_after(string cron, string after, string? expected)
    {
        var next = CronExpression.Parse(cron).NextAfter(At(after), Utc);

        Assert.Equal(expected is null ? null : At(expected), next);
    }

    [Fact]
    public void Both_day_fields_restricted_match_either_day()
    {
        // The 13th, or any Friday: 2026-05-01 is a Friday, the next is the 8th, then the 13th (a Wednesday).
        var cron = CronExpression.Parse("0 0 13 * FRI");

        var first = cron.NextAfter(At("2026-05-01T00:00:00Z"), Utc);
        var second = cron.NextAfter(first!.Value, Utc);

        Assert.Equal(At("2026-05-08T00:00:00Z"), first);
        Assert.Equal(At("2026-05-13T00:00:00Z"), second);
    }

    [Fact]
    public void A_starred_day_field_with_a_step_does_not_turn_on_the_either_rule()
    {
        // */2 in day-of-month counts as unrestricted (Vixie cron), so only Mondays on odd days match.
        var next = CronExpression.Parse("0 0 */2 * MON").NextAfter(At("2026-05-01T00:00:00Z"), Utc);

        Assert.Equal(At("2026-05-11T00:00:00Z"), next);
    }

    [Fact]
    public void Local_times_follow_the_zone_offset_in_summer_and_winter()
    {
        var cron = CronExpression.Parse("0 9 * * *");

        Assert.Equal(At("2026-07-01T07:00:00Z"), cron.NextAfter(At("2026-06-30T12:00:00Z"), Berlin));
        Assert.Equal(At("2026-01-02T08:00:00Z"), cron.NextAfter(At("2026-01-01T12:00:00Z"), Berlin));
    }

    [Fact]
    public void A_time_skipped_by_spring_forward_fires_once_at_the_end_of_the_gap()
    {
        // Berlin 2026-03-29: 02:00 CET jumps to 03:00 CEST (01:00 UTC); 02:30 does not exist that day.
        var cron = CronExpression.Parse("30 2 * * *");

        var onTheDay = cron.NextAfter(At("2026-03-28T12:00:00Z"), Berlin);
        var dayAfter = cron.NextAfter(onTheDay!.Value, Berlin);

        Assert.Equal(At("2026-03-29T01:00:00Z"), onTheDay);
        Assert.Equal(At("2026-03-30T00:30:00Z"), dayAfter);
    }

    [Fact]
    public void Several_skipped_times_collapse_into_one_fire_and_the_hour_after_goes_on()
    {
        var cron = CronExpression.Parse("*/20 2,3 * * *");
        var fires = Fires(cron, At("2026-03-29T00:00:00Z"), Berlin, 4);

        // 02:00, 02:20, 02:40 are all skipped: one fire at 03:00 CEST, then 03:20 and 03:40, then the next night.
        Assert.Equal(
            [At("2026-03-29T01:00:00Z"), At("2026-03-29T01:20:00Z"), At("2026-03-29T01:40:00Z"), At("2026-03-30T00:00:00Z")],
            fires);
    }

    [Fact]
    public void A_time_repeated_by_fall_back_fires_once_at_its_first_occurrence()
    {
        // Berlin 2026-10-25: 03:00 CEST goes back to 02:00 CET; 02:30 happens at 00:30 UTC and again at 01:30 UTC.
        var cron = CronExpression.Parse("30 2 * * *");

        var first = cron.NextAfter(At("2026-10-24T12:00:00Z"), Berlin);
        var next = cron.NextAfter(first!.Value, Berlin);

        Assert.Equal(At("2026-10-25T00:30:00Z"), first);
        Assert.Equal(At("2026-10-26T01:30:00Z"), next);
    }

    [Fact]
    public void An_every_fifteen_minutes_schedule_does_not_repeat_the_doubled_hour()
    {
        var cron = CronExpression.Parse("*/15 * * * *");
        var fires = Fires(cron, At("2026-10-25T00:40:00Z"), Berlin, 5);

        // 02:45 CEST (00:45Z); the repeated 02:00-02:45 CET (01:00-01:45Z) is skipped; 03:00 CET is 02:00Z.
        Assert.Equal(
            [At("2026-10-25T00:45:00Z"), At("2026-10-25T02:00:00Z"), At("2026-10-25T02:15:00Z"), At("2026-10-25T02:30:00Z"), At("2026-10-25T02:45:00Z")],
            fires);
    }

    [Fact]
    public void Asking_from_inside_the_repeated_hour_goes_on_after_it()
    {
        // 01:10 UTC is 02:10 CET, the second pass; 02:30 already fired at 00:30 UTC.
        var next = CronExpression.Parse("30 2 * * *").NextAfter(At("2026-10-25T01:10:00Z"), Berlin);

        Assert.Equal(At("2026-10-26T01:30:00Z"), next);
    }

    [Fact]
    public void New_york_spring_forward_and_fall_back_follow_the_same_rules()
    {
        // 2026-03-08 02:00 EST -> 03:00 EDT (07:00Z); 2026-11-01 02:00 EDT -> 01:00 EST; 01:30 EDT is 05:30Z.
        Assert.Equal(At("2026-03-08T07:00:00Z"), CronExpression.Parse("30 2 * * *").NextAfter(At("2026-03-08T00:00:00Z"), NewYork));
        Assert.Equal(At("2026-11-01T05:30:00Z"), CronExpression.Parse("30 1 * * *").NextAfter(At("2026-11-01T00:00:00Z"), NewYork));
        Assert.Equal(At("2026-11-02T06:30:00Z"), CronExpression.Parse("30 1 * * *").NextAfter(At("2026-11-01T05:30:00Z"), NewYork));
    }

    [Fact]
    public void Lord_howe_half_hour_shift_is_handled()
    {
        // Lord Howe 2026-10-04: 02:00 +10:30 jumps to 02:30 +11:00 (15:30Z on the 3rd); 02:15 is skipped.
        var skipped = CronExpression.Parse("15 2 * * *").NextAfter(At("2026-10-03T12:00:00Z"), LordHowe);
        // 2026-04-05: 02:00 +11:00 goes back to 01:30 +10:30; 01:45 first happens at 14:45Z on the 4th.
        var repeated = Fires(CronExpression.Parse("45 1 * * *"), At("2026-04-04T12:00:00Z"), LordHowe, 2);

        Assert.Equal(At("2026-10-03T15:30:00Z"), skipped);
        Assert.Equal([At("2026-04-04T14:45:00Z"), At("2026-04-05T15:15:00Z")], repeated);
    }

    [Fact]
    public void Month_ends_skip_months_without_the_day()
    {
        var fires = Fires(CronExpression.Parse("0 0 31 * *"), At("2026-01-01T00:00:00Z"), Utc, 4);

        Assert.Equal([At("2026-01-31T00:00:00Z"), At("2026-03-31T00:00:00Z"), At("2026-05-31T00:00:00Z"), At("2026-07-31T00:00:00Z")], fires);
    }

    [Fact]
    public void February_29_on_a_weekday_uses_the_either_rule_and_plain_february_29_waits_for_a_leap_year()
    {
        Assert.Equal(At("2032-02-29T00:00:00Z"), CronExpression.Parse("0 0 29 2 *").NextAfter(At("2028-03-01T00:00:00Z"), Utc));
        Assert.Equal(At("2027-02-01T00:00:00Z"), CronExpression.Parse("0 0 29 FEB MON").NextAfter(At("2026-03-01T00:00:00Z"), Utc));
    }

    [Fact]
    public void A_year_without_a_leap_day_is_crossed_by_the_search()
    {
        // 2100 is not a leap year: after 2096-02-29 the next one is 2104.
        Assert.Equal(At("2104-02-29T00:00:00Z"), CronExpression.Parse("0 0 29 2 *").NextAfter(At("2096-03-01T00:00:00Z"), Utc));
    }

    [Fact]
    public void Names_lists_and_ranges_combine()
    {
        var fires = Fires(CronExpression.Parse("0 9 * JAN,jul mon-wed"), At("2026-06-30T00:00:00Z"), Utc, 3);

        Assert.Equal([At("2026-07-01T09:00:00Z"), At("2026-07-06T09:00:00Z"), At("2026-07-07T09:00:00Z")], fires);
    }

    [Fact]
    public void An_impossible_date_returns_null_instead_of_searching_forever()
    {
        Assert.Null(CronExpression.Parse("0 0 31 4,6,9,11 *").NextAfter(At("2026-01-01T00:00:00Z"), Berlin));
    }

    private static List<DateTimeOffset> Fires(CronExpression cron, DateTimeOffset from, TimeZoneInfo zone, int count)
    {
        var result = new List<DateTimeOffset>();
        var at = from;
        for (var i = 0; i < count; i++)
        {
            at = cron.NextAfter(at, zone) ?? throw new InvalidOperationException("no next fire");
            result.Add(at);
        }

        return result;
    }

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
