using ControlPlane.Cli.Commands;
using ControlPlane.Cli.Parsing;

namespace ControlPlane.Cli.Tests.Parsing;

public sealed class ArgumentParserTests
{
    private static readonly IReadOnlyList<CommandSpec> Specs = CommandCatalog.Create().Select(c => c.Spec).ToList();

    [Fact]
    public void Global_options_may_come_before_or_after_the_command()
    {
        var line = ArgumentParser.Parse(["--server", "http://a:1", "runs", "list", "--token=t", "--state", "failed"], Specs);

        Assert.Equal("http://a:1", line.Globals.Server);
        Assert.Equal("t", line.Globals.Token);
        Assert.Equal("runs list", line.Arguments!.Command.Name);
        Assert.Equal(["failed"], line.Arguments.Values("state"));
    }

    [Fact]
    public void Repeated_inputs_keep_their_order_in_every_spelling()
    {
        var line = ArgumentParser.Parse(["run", "ci", "-i", "a=1", "-ib=2", "--input", "c=3", "--input=d=4", "--wait"], Specs);

        Assert.Equal(["a=1", "b=2", "c=3", "d=4"], line.Arguments!.Values("input"));
        Assert.True(line.Arguments.Has("wait"));
        Assert.False(line.Arguments.Has("follow"));
        Assert.Equal("ci", line.Arguments.Argument("WORKFLOW"));
    }

    [Fact]
    public void A_variadic_argument_takes_every_remaining_word_and_a_double_dash_ends_options()
    {
        var line = ArgumentParser.Parse(["apply", "a.yaml", "b.yaml", "--", "--odd-name.yaml"], Specs);

        Assert.Equal(["a.yaml", "b.yaml", "--odd-name.yaml"], line.Arguments!.Arguments("FILE"));
    }

    [Fact]
    public void An_optional_argument_may_be_left_out()
    {
        var line = ArgumentParser.Parse(["logs", "12", "-f"], Specs);

        Assert.Equal("12", line.Arguments!.Argument("RUN"));
        Assert.Null(line.Arguments.Argument("STEP"));
        Assert.True(line.Arguments.Has("follow"));
    }

    [Theory]
    [InlineData(new[] { "--help" }, new string[0])]
    [InlineData(new[] { "help" }, new string[0])]
    [InlineData(new[] { "runs", "--help" }, new[] { "runs" })]
    [InlineData(new[] { "runs", "list", "-h" }, new[] { "runs", "list" })]
    [InlineData(new[] { "help", "logs" }, new[] { "logs" })]
    public void Help_is_asked_for_a_command_a_group_or_everything(string[] words, string[] path)
    {
        var line = ArgumentParser.Parse(words, Specs);

        Assert.Null(line.Arguments);
        Assert.Equal(path, line.HelpPath);
    }

    [Theory]
    [InlineData("unknown command 'rnu'; did you mean 'run'?", "rnu")]
    [InlineData("runs: missing subcommand, one of: list, get", "runs")]
    [InlineData("runs list: unknown option '--stat'; did you mean '--state'?", "runs", "list", "--stat")]
    [InlineData("runs list: option '--state' needs a value", "runs", "list", "--state")]
    [InlineData("logs: missing RUN", "logs")]
    [InlineData("cancel: unexpected argument '2'", "cancel", "1", "2")]
    [InlineData("run: option '--wait' takes no value", "run", "ci", "--wait=yes")]
    [InlineData("no command given", "--server", "http://x:1")]
    public void Mistakes_are_named_with_the_command_and_the_word_at_fault(string expected, params string[] words)
    {
        var error = Assert.Throws<UsageException>(() => ArgumentParser.Parse(words, Specs));

        Assert.StartsWith(expected, error.Message);
    }

    [Fact]
    public void Every_command_renders_help_that_names_its_arguments_and_options()
    {
        foreach (var spec in Specs)
        {
            var help = HelpWriter.Render(spec.Path, Specs);

            Assert.StartsWith($"Usage: cpctl {spec.Name}", help);
            Assert.All(spec.Arguments, a => Assert.Contains(a.Name, help));
            Assert.All(spec.Options, o => Assert.Contains("--" + o.Name, help));
        }
    }
}
