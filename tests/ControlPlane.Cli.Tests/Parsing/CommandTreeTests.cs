using System.CommandLine;
using ControlPlane.Cli.Commands;
using ControlPlane.Cli.Output;
using ControlPlane.Cli.Parsing;
using ControlPlane.Contracts.V1;

namespace ControlPlane.Cli.Tests.Parsing;

/// <summary>cpctl's command line as System.CommandLine parses it through <see cref="CommandTree"/>, and its errors as <see cref="ParseErrors"/> words them.</summary>
public sealed class CommandTreeTests
{
    private readonly CommandTree _tree = new((_, _, _) => Task.FromResult(0));

    [Fact]
    public void Global_options_may_come_before_or_after_the_command()
    {
        var parse = Parse("--server", "http://a:1", "runs", "list", "--token=t", "--state", "failed", "--timeout", "1h30m");
        var flags = _tree.Flags.Read(parse);

        Assert.Empty(parse.Errors);
        Assert.Equal("runs list", ParseErrors.Path(parse.CommandResult));
        Assert.Equal("http://a:1", flags.Server);
        Assert.Equal("t", flags.Token);
        Assert.Equal(TimeSpan.FromMinutes(90), flags.Timeout);
        Assert.Null(flags.AllowCleartext);
        Assert.Equal([RunState.Failed], parse.GetValue<List<RunState>>("--state"));
    }

    [Fact]
    public void A_repeatable_option_keeps_every_value_in_every_spelling_and_states_may_also_be_comma_separated()
    {
        var run = Parse("run", "ci", "-i", "a=1", "-ib=2", "--input", "c=3", "--input=d=4", "-i", "a=5", "--wait");
        var runs = Parse("runs", "list", "--state", "failed,cancelled", "--state", "running");

        Assert.Empty(run.Errors);
        Assert.Equal(new Dictionary<string, string> { ["a"] = "5", ["b"] = "2", ["c"] = "3", ["d"] = "4" }, run.GetValue<Dictionary<string, string>>("--input"));
        Assert.True(run.GetValue<bool>("--wait"));
        Assert.False(run.GetValue<bool>("--follow"));
        Assert.Equal("ci", run.GetValue<string>("WORKFLOW"));
        Assert.Equal([RunState.Failed, RunState.Cancelled, RunState.Running], runs.GetValue<List<RunState>>("--state"));
    }

    [Fact]
    public void A_boolean_flag_is_true_alone_and_may_be_spelt_out()
    {
        Assert.True(_tree.Flags.Read(Parse("--allow-cleartext", "runs", "list")).AllowCleartext);
        Assert.False(_tree.Flags.Read(Parse("runs", "list", "--allow-cleartext=false")).AllowCleartext);
        Assert.True(Parse("retry", "3", "--all").GetValue<bool>("--all"));
    }

    [Fact]
    public void A_variadic_argument_takes_every_remaining_word_an_at_sign_is_no_response_file_and_a_double_dash_ends_options()
    {
        var parse = Parse("apply", "a.yaml", "@b.yaml", "--", "--odd-name.yaml");

        Assert.Empty(parse.Errors);
        Assert.Equal(["a.yaml", "@b.yaml", "--odd-name.yaml"], parse.GetRequiredValue<string[]>("FILE"));
    }

    [Fact]
    public void An_optional_argument_may_be_left_out_and_values_arrive_typed()
    {
        var parse = Parse("logs", "#12", "-f", "--attempt", "2");

        Assert.Empty(parse.Errors);
        Assert.Equal(12, parse.GetValue<long>("RUN"));
        Assert.Null(parse.GetValue<string?>("STEP"));
        Assert.True(parse.GetValue<bool>("--follow"));
        Assert.Equal(2, parse.GetValue<int?>("--attempt"));
        Assert.Equal(OutputFormat.Json, Parse("runs", "get", "1", "-o", "json").GetValue<OutputFormat>("--output"));
        Assert.Equal(OutputFormat.Table, Parse("runs", "get", "1").GetValue<OutputFormat>("--output"));
    }

    [Theory]
    [InlineData("unknown command 'rnu'; did you mean 'run'?", "rnu")]
    [InlineData("runs: unknown command 'lst'; did you mean 'list'?", "runs", "lst")]
    [InlineData("runs: missing subcommand, one of: list, get", "runs")]
    [InlineData("runs list: unknown option '--stat'; did you mean '--state'?", "runs", "list", "--stat", "failed")]
    [InlineData("runs list --state: unknown state 'faild'; did you mean 'failed'?", "runs", "list", "--state", "faild")]
    [InlineData("runs list --limit: '0' is not a whole number from 1 to 100000", "runs", "list", "--limit", "0")]
    [InlineData("logs: missing RUN", "logs")]
    [InlineData("cancel: unexpected argument '2'", "cancel", "1", "2")]
    [InlineData("runs get: RUN must be a positive number, not 'twelve'", "runs", "get", "twelve")]
    [InlineData("stats --window: invalid duration '7 days'", "stats", "--window", "7 days")]
    [InlineData("runs list: --timeout: invalid duration '1x'", "runs", "list", "--timeout", "1x")]
    [InlineData("tokens create --role: unknown role 'root'; one of: admin, operator, viewer, runner", "tokens", "create", "bot", "--role", "root")]
    [InlineData("no command given", "--server", "http://x:1")]
    public void Mistakes_are_one_line_naming_the_command_and_the_word_at_fault(string expected, params string[] words)
    {
        var parse = Parse(words);

        Assert.NotEmpty(parse.Errors);
        var message = ParseErrors.Describe(parse);
        Assert.StartsWith(expected, message);
        Assert.DoesNotContain('\n', message);
    }

    [Fact]
    public async Task Every_command_has_generated_help_that_names_its_arguments_options_and_examples()
    {
        foreach (var command in Leaves(_tree.Root))
        {
            var path = Path(command);
            var (exitCode, output) = await RunAsync([.. path.Split(' '), "--help"]);

            Assert.Equal(0, exitCode);
            Assert.Matches($@"Usage:\n  \S+ {path} ", output); // the program's name: testhost here, cpctl as a process
            Assert.All(command.Arguments, a => Assert.Contains($"<{a.Name}>", output));
            Assert.All(command.Options, o => Assert.Contains(o.Name, output));
            Assert.Contains("--server <URL>", output);
        }

        var (_, runsList) = await RunAsync(["runs", "list", "--help"]);
        var (_, viaHelpCommand) = await RunAsync(["help", "runs", "list"]);
        Assert.Contains("Examples:\n  cpctl runs list --workflow ci --state failed --since 1d\n", runsList);
        Assert.Equal(runsList, viaHelpCommand);
    }

    private static IEnumerable<Command> Leaves(Command command) =>
        command.Subcommands.Count == 0 ? [command] : command.Subcommands.SelectMany(Leaves);

    private static string Path(Command command) =>
        command.Parents.OfType<Command>().FirstOrDefault() is { } parent and not RootCommand ? Path(parent) + " " + command.Name : command.Name;

    private static async Task<(int ExitCode, string Output)> RunAsync(string[] words)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliApp.RunAsync(words, new CliConsole(output, error, isTerminal: false), _ => null, TimeProvider.System, CancellationToken.None);
        return (exitCode, output.ToString().ReplaceLineEndings("\n"));
    }

    private ParseResult Parse(params string[] words) => _tree.Root.Parse(words, CommandTree.Parsing);
}
