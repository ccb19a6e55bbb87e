using ControlPlane.Settings;

namespace ControlPlane.Core.Tests.Settings;

public class DurationFormatTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("30s", 30_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1h30m15s250ms", 5_415_250)]
    [InlineData("2d", 172_800_000)]
    [InlineData("0s", 0)]
    public void Durations_parse_from_units(string text, long milliseconds)
    {
        Assert.True(DurationFormat.TryParse(text, out var duration, out _));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("30")]
    [InlineData("1.5h")]
    [InlineData("5 m")]
    [InlineData("-5m")]
    [InlineData("m")]
    [InlineData("5mm")]
    [InlineData("30m1h")]
    [InlineData("1m1m")]
    [InlineData("400d")]
    [InlineData("9999999999s")]
    public void Malformed_durations_are_rejected(string text)
    {
        Assert.False(DurationFormat.TryParse(text, out _, out var error));
        Assert.NotEmpty(error);
    }

    [Theory]
    [InlineData(5_400_000, "1h30m")]
    [InlineData(500, "500ms")]
    [InlineData(0, "0s")]
    [InlineData(90_061_001, "1d1h1m1s1ms")]
    public void Durations_format_canonically(long milliseconds, string expected)
    {
        Assert.Equal(expected, DurationFormat.Format(TimeSpan.FromMilliseconds(milliseconds)));
    }
}
