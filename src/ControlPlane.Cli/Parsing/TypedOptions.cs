using System.CommandLine;
using System.CommandLine.Parsing;

namespace ControlPlane.Cli.Parsing;

/// <summary>
/// System.CommandLine options and arguments whose values are read by <see cref="ValueParsers"/>, so a bad value is a
/// parse error naming the option (e.g. <c>runs list --limit: 'x' is not a whole number from 1 to 100000</c>).
/// </summary>
internal static class TypedOptions
{
    /// <summary>A flag: given alone it is true; <c>--flag=false</c> spells it out.</summary>
    public static Option<bool> Flag(string name, string description, params string[] aliases) =>
        new(name, aliases) { Description = description };

    /// <summary>A plain text value.</summary>
    public static Option<string?> Text(string name, string helpName, string description, params string[] aliases) =>
        new(name, aliases) { HelpName = helpName, Description = description };

    /// <summary>A value read by <paramref name="parse"/>, which gets the text and where it came from.</summary>
    public static Option<T> Parsed<T>(string name, string helpName, string description, Func<string, string, T> parse, params string[] aliases) =>
        new(name, aliases) { HelpName = helpName, Description = description, CustomParser = Single(parse) };

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>; null when not given.</summary>
    public static Option<int?> Int(string name, string helpName, string description, int min, int max) =>
        Parsed<int?>(name, helpName, description, (text, where) => ValueParsers.Int(text, where, min, max));

    /// <summary>A positive id (a run, a revision); null when not given.</summary>
    public static Option<long?> Id(string name, string helpName, string description) =>
        Parsed<long?>(name, helpName, description, (text, where) => ValueParsers.Id(text, where));

    /// <summary>A duration in the one grammar cpctl, workflow files and the server share (<c>500ms</c>, <c>1h30m</c>, <c>2d</c>).</summary>
    public static Option<TimeSpan?> Duration(string name, string helpName, string description) =>
        Parsed<TimeSpan?>(name, helpName, description, (text, where) => ValueParsers.Duration(text, where));

    /// <summary>A repeatable option whose values (every occurrence, in order) are read together by <paramref name="parse"/>.</summary>
    public static Option<T> Repeatable<T>(string name, string helpName, string description, Func<IReadOnlyList<string>, string, T> parse, params string[] aliases)
    {
        return new Option<T>(name, aliases)
        {
            HelpName = helpName,
            Description = description + " (repeatable)",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
            CustomParser = result => Guard(result, () => parse([.. result.Tokens.Select(t => t.Value)], Where(result))),
        };
    }

    /// <summary>A positional argument holding a positive id, named <paramref name="name"/> in errors.</summary>
    public static Argument<long> IdArgument(string name, string description) =>
        new(name) { Description = description, CustomParser = Single((text, _) => ValueParsers.Id(text, name)) };

    /// <summary>A positional argument that is one of <paramref name="choices"/>, which are also its completions.</summary>
    public static Argument<string> ChoiceArgument(string name, string description, IReadOnlyList<string> choices)
    {
        var argument = new Argument<string>(name)
        {
            Description = description,
            HelpName = string.Join('|', choices),
            CustomParser = Single((text, _) => choices.Contains(text) ? text : throw new UsageException($"{name}: '{text}' is not one of {string.Join(", ", choices)}")),
        };
        argument.CompletionSources.Add([.. choices]);
        return argument;
    }

    /// <summary>A single positional text argument.</summary>
    public static Argument<string> TextArgument(string name, string description) => new(name) { Description = description };

    /// <summary>An optional positional text argument.</summary>
    public static Argument<string?> OptionalArgument(string name, string description) =>
        new(name) { Description = description, Arity = ArgumentArity.ZeroOrOne };

    /// <summary>One or more positional words.</summary>
    public static Argument<string[]> Many(string name, string description) =>
        new(name) { Description = description, Arity = ArgumentArity.OneOrMore };

    /// <summary>"runs list --limit": how an option is named in an error (the command's words, then the option).</summary>
    public static string Where(SymbolResult result)
    {
        string? option = null;
        var words = new List<string>();
        for (var current = result.Parent; current is not null; current = current.Parent)
        {
            if (current is OptionResult optionResult)
            {
                option ??= optionResult.Option.Name;
            }
            else if (current is CommandResult { Parent: not null } command)
            {
                words.Insert(0, command.Command.Name);
            }
        }

        if (option is not null)
        {
            words.Add(option);
        }

        return string.Join(' ', words);
    }

    private static Func<ArgumentResult, T?> Single<T>(Func<string, string, T> parse) =>
        result => Guard(result, () => parse(result.Tokens[^1].Value, Where(result)));

    private static T Guard<T>(ArgumentResult result, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (UsageException e)
        {
            result.AddError(e.Message);
            return default!;
        }
    }
}
