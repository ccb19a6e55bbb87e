using ControlPlane.Core.Text;
namespace ControlPlane.Cli.Parsing;

/// <summary>
/// Turns the words of a command line into a <see cref="CommandLine"/>. Global options may appear anywhere; the
/// command is the longest run of leading words that names one; <c>--</c> ends options. Every mistake is a
/// <see cref="UsageException"/> naming the command and the word at fault.
/// </summary>
internal static class ArgumentParser
{
    /// <summary>Parses <paramref name="words"/> against the known <paramref name="commands"/>.</summary>
    public static CommandLine Parse(IReadOnlyList<string> words, IReadOnlyList<CommandSpec> commands)
    {
        var (globals, rest) = SplitGlobals(words);
        var leading = rest.TakeWhile(w => !w.StartsWith('-')).ToList();
        if (leading.Count > 0 && leading[0] == "help")
        {
            return new CommandLine(globals with { Help = true }, null, leading.Skip(1).ToList());
        }

        var command = commands
            .Where(c => c.Path.Count <= leading.Count && c.Path.SequenceEqual(leading.Take(c.Path.Count)))
            .OrderByDescending(c => c.Path.Count)
            .FirstOrDefault();
        if (command is null)
        {
            return NoCommand(globals, leading, commands);
        }

        if (globals.Help)
        {
            return new CommandLine(globals, null, command.Path);
        }

        return new CommandLine(globals, ParseCommand(command, rest.Skip(command.Path.Count).ToList()), null);
    }

    private static CommandLine NoCommand(GlobalOptions globals, List<string> leading, IReadOnlyList<CommandSpec> commands)
    {
        if (leading.Count == 0)
        {
            return globals.Help ? new CommandLine(globals, null, []) : throw new UsageException("no command given; run 'cpctl --help' for the list");
        }

        var group = commands.Where(c => c.Path.Count > 1 && c.Path[0] == leading[0]).ToList();
        if (group.Count == 0)
        {
            var hint = NameSuggester.Hint(leading[0], commands.Select(c => c.Path[0]).Distinct());
            throw new UsageException($"unknown command '{leading[0]}'{hint}; run 'cpctl --help' for the list");
        }

        if (globals.Help)
        {
            return new CommandLine(globals, null, [leading[0]]);
        }

        var subcommands = group.Select(c => c.Path[1]).ToList();
        if (leading.Count == 1)
        {
            throw new UsageException($"{leading[0]}: missing subcommand, one of: {string.Join(", ", subcommands)}");
        }

        var subHint = NameSuggester.Hint(leading[1], subcommands);
        throw new UsageException($"{leading[0]}: unknown subcommand '{leading[1]}'{subHint}; one of: {string.Join(", ", subcommands)}");
    }

    private static (GlobalOptions Globals, List<string> Remaining) SplitGlobals(IReadOnlyList<string> words)
    {
        string? server = null, token = null, caCert = null;
        var help = false;
        var allowCleartext = false;
        var rest = new List<string>();
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (word == "--")
            {
                rest.AddRange(words.Skip(i));
                break;
            }

            var (name, inline) = SplitLong(word);
            switch (name)
            {
                case "--server": server = TakeValue(words, ref i, name, inline); break;
                case "--token": token = TakeValue(words, ref i, name, inline); break;
                case "--ca-cert": caCert = TakeValue(words, ref i, name, inline); break;
                case "--help" or "-h" when inline is null: help = true; break;
                case "--allow-cleartext" when inline is null: allowCleartext = true; break;
                default: rest.Add(word); break;
            }
        }

        return (new GlobalOptions(server, token, caCert, help, allowCleartext), rest);
    }

    private static ParsedArguments ParseCommand(CommandSpec command, List<string> words)
    {
        var options = new Dictionary<string, List<string>>();
        var positional = new List<string>();
        var onlyPositional = false;
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (onlyPositional || word == "-" || !word.StartsWith('-'))
            {
                positional.Add(word);
                continue;
            }

            if (word == "--")
            {
                onlyPositional = true;
                continue;
            }

            var (name, inline) = SplitLong(word);
            var option = name.StartsWith("--", StringComparison.Ordinal) ? command.FindLong(name[2..]) : FindShort(command, word, ref inline);
            if (option is null)
            {
                var hint = NameSuggester.Hint(name, command.Options.Select(o => "--" + o.Name));
                throw new UsageException($"{command.Name}: unknown option '{name}'{hint}; run 'cpctl {command.Name} --help'");
            }

            if (option.IsFlag && inline is not null)
            {
                throw new UsageException($"{command.Name}: option '--{option.Name}' takes no value");
            }

            var value = option.IsFlag ? string.Empty : TakeValue(words, ref i, $"--{option.Name}", inline, command.Name);
            if (!options.TryGetValue(option.Name, out var values))
            {
                options[option.Name] = values = [];
            }

            values.Add(value);
        }

        return new ParsedArguments(command, AssignPositional(command, positional), options);
    }

    private static OptionSpec? FindShort(CommandSpec command, string word, ref string? inline)
    {
        // "-ikey=value" is "-i key=value", as getopt reads it.
        var option = word.Length >= 2 ? command.FindShort(word[1]) : null;
        if (option is not null && word.Length > 2)
        {
            inline = word[2..];
        }

        return option;
    }

    private static Dictionary<string, List<string>> AssignPositional(CommandSpec command, List<string> positional)
    {
        var assigned = new Dictionary<string, List<string>>();
        var next = 0;
        foreach (var argument in command.Arguments)
        {
            if (next >= positional.Count)
            {
                if (argument.Required)
                {
                    throw new UsageException($"{command.Name}: missing {argument.Name}; usage: cpctl {HelpWriter.Usage(command)}");
                }

                break;
            }

            var take = argument.Many ? positional.Count - next : 1;
            assigned[argument.Name] = positional.GetRange(next, take);
            next += take;
        }

        if (next < positional.Count)
        {
            throw new UsageException($"{command.Name}: unexpected argument '{positional[next]}'; usage: cpctl {HelpWriter.Usage(command)}");
        }

        return assigned;
    }

    private static (string Name, string? Inline) SplitLong(string word)
    {
        var equals = word.IndexOf('=', StringComparison.Ordinal);
        return word.StartsWith("--", StringComparison.Ordinal) && equals > 0 ? (word[..equals], word[(equals + 1)..]) : (word, null);
    }

    private static string TakeValue(IReadOnlyList<string> words, ref int index, string name, string? inline, string? command = null)
    {
        if (inline is not null)
        {
            return inline;
        }

        if (index + 1 >= words.Count)
        {
            throw new UsageException($"{(command is null ? string.Empty : command + ": ")}option '{name}' needs a value");
        }

        index++;
        return words[index];
    }
}
