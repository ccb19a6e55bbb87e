using ControlPlane.Settings;

namespace ControlPlane.Core.Tests.Settings;

public class SettingTextTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData(" 1h30m ", 5_400_000)]
    [InlineData("2d", 172_800_000)]
    [InlineData("00:00:15", 15_000)]
    [InlineData("1.00:00:00", 86_400_000)]
    public void Durations_read_in_the_workflow_grammar_and_as_timespan_text(string text, long milliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), SettingText.ParseDuration("--x", text));
    }

    [Theory]
    [InlineData("soon", "--cancel-grace: invalid duration 'soon'")]
    [InlineData("5 s", "--cancel-grace: invalid duration '5 s'")]
    [InlineData("-00:00:05", "--cancel-grace: invalid duration '-00:00:05'")]
    [InlineData("400d", "--cancel-grace: duration '400d' is longer than the maximum")]
    public void A_bad_duration_is_named_by_the_setting_as_the_user_wrote_it(string text, string expected)
    {
        var error = Assert.Throws<SettingException>(() => SettingText.ParseDuration("--cancel-grace", text));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal("--cancel-grace", error.Setting);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("YES", true)]
    [InlineData("1", true)]
    [InlineData("false", false)]
    [InlineData("no", false)]
    [InlineData("0", false)]
    public void Booleans_take_the_same_words_everywhere(string text, bool expected)
    {
        Assert.Equal(expected, SettingText.ParseBoolean("CP_DEV", text));
    }

    [Fact]
    public void Other_words_are_not_booleans_and_lists_drop_blanks()
    {
        Assert.Equal("CP_DEV: 'maybe' is not true or false", Assert.Throws<SettingException>(() => SettingText.ParseBoolean("CP_DEV", "maybe")).Message);
        Assert.Equal("--capacity: '2x' is not a whole number", Assert.Throws<SettingException>(() => SettingText.ParseInteger("--capacity", "2x")).Message);
        Assert.Equal(["a", "b"], SettingText.SplitList(" a, ,b,"));
    }
}
