namespace ControlPlane.Cli.Parsing;

/// <summary>What the command line gave one command: positional values by argument name and option values.</summary>
internal sealed class ParsedArguments
{
    private readonly Dictionary<string, List<string>> _arguments;
    private readonly Dictionary<string, List<string>> _options;

    public ParsedArguments(CommandSpec command, Dictionary<string, List<string>> arguments, Dictionary<string, List<string>> options)
    {
        Command = command;
        _arguments = arguments;
        _options = options;
    }

    /// <summary>The command these arguments are for.</summary>
    public CommandSpec Command { get; }

    /// <summary>The value of a single positional argument, or null when an optional one was not given.</summary>
    public string? Argument(string name) => _arguments.TryGetValue(name, out var values) ? values[0] : null;

    /// <summary>Every value of a positional argument that takes several.</summary>
    public IReadOnlyList<string> Arguments(string name) => _arguments.TryGetValue(name, out var values) ? values : [];

    /// <summary>True when the flag or option was given.</summary>
    public bool Has(string option) => _options.ContainsKey(option);

    /// <summary>The last value given for an option, or null.</summary>
    public string? Value(string option) => _options.TryGetValue(option, out var values) ? values[^1] : null;

    /// <summary>Every value given for a repeatable option, in order.</summary>
    public IReadOnlyList<string> Values(string option) => _options.TryGetValue(option, out var values) ? values : [];

    /// <summary>"cpctl runs list --state": how an option is named in an error message.</summary>
    public string Where(string option) => $"{Command.Name} --{option}";
}
