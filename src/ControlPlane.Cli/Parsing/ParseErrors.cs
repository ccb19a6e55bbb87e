using System.CommandLine;
using System.CommandLine.Parsing;
using ControlPlane.Core.Text;

namespace ControlPlane.Cli.Parsing;

/// <summary>
/// The first parse error as one line naming the command and the word at fault, with a "did you mean" suggestion for a
/// misspelt command or option. System.CommandLine's own error output lists the errors, typo corrections and the whole
/// help on several lines; cpctl's contract is one <c>cpctl: ...</c> line and exit code 2.
/// </summary>
internal static class ParseErrors
{
    /// <summary>What is wrong with <paramref name="parse"/>, which has errors.</summary>
    public static string Describe(ParseResult parse)
    {
        var result = parse.CommandResult;
        var command = result.Command;
        var path = Path(result);
        var prefix = path.Length == 0 ? string.Empty : path + ": ";
        var help = path.Length == 0 ? "run 'cpctl --help' for the list" : $"run 'cpctl {path} --help'";
        var isGroup = command.Action is null && command.Subcommands.Count > 0;
        if (parse.UnmatchedTokens.Count > 0)
        {
            var word = parse.UnmatchedTokens[0];
            if (word.Length > 1 && word.StartsWith('-'))
            {
                return $"{prefix}unknown option '{word}'{NameSuggester.Hint(word, OptionNames(result))}; {help}";
            }

            return isGroup
                ? $"{prefix}unknown command '{word}'{NameSuggester.Hint(word, Visible(command))}; {help}"
                : $"{prefix}unexpected argument '{word}'; {help}";
        }

        if (isGroup)
        {
            return path.Length == 0
                ? $"no command given; {help}"
                : $"{prefix}missing subcommand, one of: {string.Join(", ", Visible(command))}";
        }

        if (command.Arguments.FirstOrDefault(a => a.Arity.MinimumNumberOfValues > 0 && parse.GetResult(a) is not { Tokens.Count: > 0 }) is { } missing)
        {
            return $"{prefix}missing {missing.Name}; {help}";
        }

        var message = parse.Errors[0].Message;
        return path.Length > 0 && message.StartsWith(path + " ", StringComparison.Ordinal) ? message : prefix + message;
    }

    /// <summary>
    /// An error for a word that looks like an option but is none, taken as a positional value (System.CommandLine binds
    /// <c>logs 12 --follw</c> to STEP), or null. After <c>--</c> every word is a value.
    /// </summary>
    public static string? UnknownOption(ParseResult parse)
    {
        var positional = parse.CommandResult.Children.OfType<ArgumentResult>().SelectMany(a => a.Tokens).ToList();
        foreach (var token in parse.Tokens.TakeWhile(t => t.Type != TokenType.DoubleDash))
        {
            if (token.Value.Length > 1 && token.Value.StartsWith('-') && positional.Contains(token))
            {
                var path = Path(parse.CommandResult);
                return $"{path}: unknown option '{token.Value}'{NameSuggester.Hint(token.Value, OptionNames(parse.CommandResult))}; run 'cpctl {path} --help'";
            }
        }

        return null;
    }

    /// <summary>"runs list": the words of the command a result is for (empty for the root).</summary>
    public static string Path(CommandResult result)
    {
        var words = new List<string>();
        for (SymbolResult? current = result; current is CommandResult { Parent: not null } command; current = current.Parent)
        {
            words.Insert(0, command.Command.Name);
        }

        return string.Join(' ', words);
    }

    private static IEnumerable<string> Visible(Command command) => command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name);

    private static IEnumerable<string> OptionNames(CommandResult result)
    {
        var options = result.Command.Options.ToList();
        for (var parent = result.Parent as CommandResult; parent is not null; parent = parent.Parent as CommandResult)
        {
            options.AddRange(parent.Command.Options.Where(o => o.Recursive));
        }

        return options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal));
    }
}
