using ControlPlane.Cli.Tests.Support;
using ControlPlane.Contracts.V1;

namespace ControlPlane.Cli.Tests.Commands;

/// <summary>cpctl as a process where no server is needed, or none answers.</summary>
public sealed class OfflineCommandTests : IDisposable
{
    private readonly ControlPlane.Testing.TempDirectory _dir = new("cpctl-offline");

    [Fact]
    public async Task Validate_accepts_a_valid_file_without_a_server_and_exits_0()
    {
        var path = Write("ok.yaml", TestWorkflows.Succeeding);

        var result = await Cpctl.RunAsync(["validate", path, "--plan", "-i", "greeting=hi"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"ok\.yaml: valid \(workflow cli-ok, sha256:[0-9a-f]{64}\)", result.StandardOutput);
        Assert.Contains("2 steps in 2 levels", result.StandardOutput);
    }

    [Fact]
    public async Task Validate_of_an_invalid_file_lists_every_problem_with_its_position_and_exits_1()
    {
        var path = Write("bad.yaml", TestWorkflows.Invalid);

        var result = await Cpctl.RunAsync(["validate", path]);
        var json = await Cpctl.RunAsync(["validate", path, "-o", "json"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{path}:2:", result.StandardOutput);
        Assert.Contains("did you mean 'timeout'", result.StandardOutput);
        Assert.Contains("did you mean 'build'", result.StandardOutput);
        Assert.Equal(1, json.ExitCode);
        var parsed = ValidateWorkflowResponse.Parser.ParseJson(json.StandardOutput);
        Assert.False(parsed.Valid);
        Assert.Equal(2, parsed.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public async Task Validate_of_a_missing_file_exits_1_with_one_line()
    {
        var result = await Cpctl.RunAsync(["validate", _dir.Combine("missing.yaml")]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"cpctl: {_dir.Combine("missing.yaml")}: no such file", Assert.Single(result.ErrorLines));
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("runs", "lst")]
    [InlineData("runs", "list", "--stat", "failed")]
    [InlineData("runs", "list", "--state", "exploded")]
    [InlineData("runs", "get")]
    [InlineData("runs", "get", "twelve")]
    [InlineData("logs", "1", "build", "extra")]
    [InlineData("run", "ci", "--output", "yaml")]
    [InlineData("run", "ci", "-i", "novalue")]
    [InlineData("tokens", "create", "bot")]
    [InlineData("runs", "list", "--timeout", "1x")]
    [InlineData("runs")]
    [InlineData("completion")]
    [InlineData("stats", "--window", "7 days")]
    [InlineData("logs", "1", "--attempt", "0")]
    public async Task A_usage_error_exits_2_with_one_line_on_stderr(params string[] arguments)
    {
        var result = await Cpctl.RunAsync(arguments);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("cpctl: ", Assert.Single(result.ErrorLines));
        Assert.Empty(result.StandardOutput);
    }

    [Fact]
    public async Task An_unreachable_server_exits_3_with_one_line()
    {
        var result = await Cpctl.RunAsync(["runs", "list"], new Dictionary<string, string> { ["CP_SERVER"] = "http://127.0.0.1:1" });

        Assert.Equal(3, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("cpctl: cannot reach the server at http://127.0.0.1:1", line);
    }

    [Fact]
    public async Task The_server_comes_from_the_config_file_when_neither_flag_nor_environment_names_one()
    {
        var config = Write("config.json", """{"server": "http://127.0.0.1:2", "token": "t"}""");

        var result = await Cpctl.RunAsync(["version"], new Dictionary<string, string> { ["CP_CONFIG"] = config });

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("client: cpctl ", result.StandardOutput);
        Assert.StartsWith("cpctl: cannot reach the server at http://127.0.0.1:2", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task Help_exits_0_and_lists_every_command_and_a_groups_help_lists_its_subcommands()
    {
        var result = await Cpctl.RunAsync(["--help"]);
        var runs = await Cpctl.RunAsync(["runs", "--help"]);
        var tokens = await Cpctl.RunAsync(["help", "tokens"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.StandardError);
        foreach (var command in new[] { "apply <FILE>", "validate <FILE>", "run <WORKFLOW>", "runs", "stats", "logs <RUN>", "watch <RUN>", "cancel <RUN>", "retry <RUN>", "runners", "notifications", "tokens", "version", "dev <FILE>", "completion <bash|zsh|fish>", "help" })
        {
            Assert.Matches($@"(?m)^  {System.Text.RegularExpressions.Regex.Escape(command)}\s", result.StandardOutput);
        }

        Assert.Contains("--server <URL>", result.StandardOutput);
        Assert.Contains("Exit codes: 0 success", result.StandardOutput);
        Assert.Equal(0, runs.ExitCode);
        Assert.Matches(@"(?m)^  list\s+list runs, newest first$", runs.StandardOutput);
        Assert.Matches(@"(?m)^  get <RUN>\s+show a run and its steps$", runs.StandardOutput);
        Assert.Equal(0, tokens.ExitCode);
        Assert.Matches(@"(?m)^  create <NAME>\s", tokens.StandardOutput);
    }

    [Fact]
    public async Task A_command_help_shows_its_usage_arguments_options_and_examples()
    {
        var result = await Cpctl.RunAsync(["logs", "-h"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:\n  cpctl logs <RUN> [<STEP>] [options]", result.StandardOutput);
        Assert.Matches(@"(?m)^  -f, --follow\s+keep printing new output", result.StandardOutput);
        Assert.Matches(@"(?m)^  --attempt <N>\s+the step's attempt N", result.StandardOutput);
        Assert.Contains("Examples:\n  cpctl logs 12\n", result.StandardOutput);
    }

    [Theory]
    [InlineData("cpctl: unknown command 'rnu'; did you mean 'run'?; run 'cpctl --help' for the list", "rnu")]
    [InlineData("cpctl: runs list: unknown option '--stat'; did you mean '--state'?; run 'cpctl runs list --help'", "runs", "list", "--stat", "failed")]
    [InlineData("cpctl: logs: unknown option '--follw'; did you mean '--follow'?; run 'cpctl logs --help'", "logs", "1", "--follw")]
    [InlineData("cpctl: run: unknown option '--tiemout'; did you mean '--timeout'?; run 'cpctl run --help'", "run", "ci", "--tiemout", "5s")]
    public async Task A_typo_is_one_line_with_a_suggestion_and_exit_2(string expected, params string[] arguments)
    {
        var result = await Cpctl.RunAsync(arguments);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(expected, Assert.Single(result.ErrorLines));
        Assert.Empty(result.StandardOutput);
    }

    public void Dispose() => _dir.Dispose();

    private string Write(string name, string text)
    {
        var path = _dir.Combine(name);
        File.WriteAllText(path, text);
        return path;
    }
}
