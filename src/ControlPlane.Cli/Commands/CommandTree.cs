using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using ControlPlane.Cli.Configuration;

namespace ControlPlane.Cli.Commands;

/// <summary>
/// cpctl's System.CommandLine tree: the root with the connection flags (<see cref="SettingFlags"/>), a group command for
/// each first word (<c>runs</c>, <c>runners</c>, <c>tokens</c>, <c>notifications</c>) and every <see cref="CliCommand"/>
/// under it, in the order help lists them. Help gains each command's examples and, on the root, configuration and exit codes.
/// </summary>
internal sealed class CommandTree
{
    private static readonly Dictionary<string, string> Groups = new(StringComparer.Ordinal)
    {
        ["runs"] = "list runs or show one with its steps",
        ["runners"] = "list, drain or remove runners",
        ["notifications"] = "list notification deliveries",
        ["tokens"] = "create, list or revoke API tokens",
    };

    private readonly Dictionary<Command, IReadOnlyList<string>> _examples = [];

    /// <param name="execute">Runs a command with what the command line gave it; every leaf's action calls it.</param>
    public CommandTree(Func<CliCommand, ParseResult, CancellationToken, Task<int>> execute)
    {
        foreach (var flag in Flags.All)
        {
            Root.Add(flag);
        }

        foreach (var command in Create())
        {
            var parent = (Command)Root;
            foreach (var word in command.Path.SkipLast(1))
            {
                parent = parent.Subcommands.FirstOrDefault(c => c.Name == word) ?? AddGroup(parent, word);
            }

            parent.Add(command.Command);
            command.Command.SetAction((parse, cancellationToken) => execute(command, parse, cancellationToken));
            _examples[command.Command] = command.Examples;
        }

        var help = Root.Options.OfType<HelpOption>().Single();
        help.Action = new HelpWithExamples((HelpAction)help.Action!, this);
    }

    /// <summary>How cpctl's words are read: no <c>@file</c> response files, so a file argument may start with <c>@</c>.</summary>
    public static ParserConfiguration Parsing { get; } = new() { ResponseFileTokenReplacer = null };

    public RootCommand Root { get; } = new("cpctl: the ControlPlane operators' CLI");

    /// <summary>The connection flags every command accepts.</summary>
    public SettingFlags Flags { get; } = new();

    /// <summary>Fresh instances of every command, in the order help lists them. Adding a command is one line here.</summary>
    private static IReadOnlyList<CliCommand> Create() =>
    [
        new ApplyCommand(),
        new ValidateCommand(),
        new RunCommand(),
        new RunsListCommand(),
        new RunsGetCommand(),
        new StatsCommand(),
        new LogsCommand(),
        new WatchCommand(),
        new CancelCommand(),
        new RetryCommand(),
        new RunnersListCommand(),
        new RunnersDrainCommand(),
        new RunnersRemoveCommand(),
        new NotificationsListCommand(),
        new TokensCreateCommand(),
        new TokensListCommand(),
        new TokensRevokeCommand(),
        new VersionCommand(),
        new Dev.DevCommand(),
        new CompletionCommand(),
        new HelpCommand(),
    ];

    private static Command AddGroup(Command parent, string word)
    {
        var group = new Command(word, Groups[word]);
        parent.Add(group);
        return group;
    }

    private void WriteExamples(Command command, TextWriter output)
    {
        if (!_examples.TryGetValue(command, out var examples) || examples.Count == 0)
        {
            return;
        }

        output.WriteLine("Examples:");
        foreach (var example in examples)
        {
            output.WriteLine("  " + example);
        }

        output.WriteLine();
    }

    private void WriteFooter(Command command, TextWriter output)
    {
        if (command != Root)
        {
            return;
        }

        output.WriteLine("Configuration: each flag above, else CP_SERVER / CP_TOKEN / CP_CA_CERT / CP_ALLOW_CLEARTEXT / CP_TIMEOUT,");
        output.WriteLine("else the file $CP_CONFIG or ~/.config/cpctl/config.json");
        output.WriteLine("({\"server\": ..., \"token\": ..., \"caCert\": ..., \"allowCleartext\": ..., \"timeout\": ...}), else the defaults.");
        output.WriteLine("Exit codes: 0 success, 1 failed (run failed or cancelled, invalid workflow, request refused),");
        output.WriteLine("2 usage error, 3 server unreachable or credentials refused, 130 interrupted.");
        output.WriteLine("Shell completion: cpctl completion bash|zsh|fish.");
        output.WriteLine();
    }

    /// <summary>System.CommandLine's generated help, followed by the command's examples (and, on the root, configuration and exit codes).</summary>
    private sealed class HelpWithExamples(HelpAction generated, CommandTree tree) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var exitCode = generated.Invoke(parseResult);
            var output = parseResult.InvocationConfiguration.Output;
            tree.WriteExamples(parseResult.CommandResult.Command, output);
            tree.WriteFooter(parseResult.CommandResult.Command, output);
            return exitCode;
        }
    }
}
