using System.Text;
using ControlPlane.Agent.Executors;

namespace ControlPlane.Agent.Tests.Executors.Shell;

public sealed class StepOutputsTests
{
    [Fact]
    public void Each_key_value_line_is_an_output_and_the_last_value_of_a_key_wins()
    {
        var (outputs, warnings) = Parse("a=1\nb=two words\na=3\n");

        Assert.Equal(new Dictionary<string, string> { ["a"] = "3", ["b"] = "two words" }, outputs);
        Assert.Empty(warnings);
    }

    [Fact]
    public void The_value_is_everything_after_the_first_equals_sign_and_may_be_empty()
    {
        var (outputs, _) = Parse("query=a=b&c=d\nempty=\n");

        Assert.Equal("a=b&c=d", outputs["query"]);
        Assert.Equal("", outputs["empty"]);
    }

    [Fact]
    public void CRLF_line_ends_a_missing_final_newline_and_empty_lines_are_accepted()
    {
        var (outputs, warnings) = Parse("a=1\r\n\r\n\nb=2");

        Assert.Equal(new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" }, outputs);
        Assert.Empty(warnings);
    }

    [Fact]
    public void Values_are_UTF8()
    {
        var (outputs, _) = Parse("greeting=héllo ✓\n");

        Assert.Equal("héllo ✓", outputs["greeting"]);
    }

    [Theory]
    [InlineData("no equals sign")]
    [InlineData("=value without key")]
    [InlineData("1starts_with_digit=x")]
    [InlineData("has space=x")]
    [InlineData("dots.not.allowed=x")]
    public void A_line_without_a_valid_key_is_ignored_with_a_warning_that_does_not_quote_it(string line)
    {
        var (outputs, warnings) = Parse($"ok=1\n{line}\n");

        Assert.Equal(new Dictionary<string, string> { ["ok"] = "1" }, outputs);
        var warning = Assert.Single(warnings);
        Assert.Contains("line 2", warning, StringComparison.Ordinal);
        Assert.DoesNotContain(line, warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_may_use_letters_digits_underscores_and_dashes_up_to_128_characters()
    {
        var longest = "k" + new string('x', 127);
        var (outputs, warnings) = Parse($"_private-key_2=1\n{longest}=2\n{longest}x=3\n");

        Assert.Equal(["_private-key_2", longest], outputs.Keys);
        Assert.Single(warnings);
    }

    private static (Dictionary<string, string> Outputs, List<string> Warnings) Parse(string text) =>
        StepOutputs.Parse(Encoding.UTF8.GetBytes(text));
}
