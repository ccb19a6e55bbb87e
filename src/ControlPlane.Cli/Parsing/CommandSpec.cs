namespace ControlPlane.Cli.Parsing;

/// <summary>The shape of one command: its words (e.g. <c>runs list</c>), positional arguments and options.</summary>
/// <param name="Path">The command's words, e.g. <c>["runs", "list"]</c>.</param>
/// <param name="Summary">One line for the command list.</param>
/// <param name="Arguments">Positional arguments in order.</param>
/// <param name="Options">Options besides the global ones.</param>
/// <param name="Examples">Example command lines shown by <c>--help</c>.</param>
internal sealed record CommandSpec(
    IReadOnlyList<string> Path,
    string Summary,
    IReadOnlyList<ArgumentSpec> Arguments,
    IReadOnlyList<OptionSpec> Options,
    IReadOnlyList<string>? Examples = null)
{
    /// <summary>The command's words joined, e.g. <c>runs list</c>.</summary>
    public string Name => string.Join(' ', Path);

    /// <summary>The option with this long name or short alias, or null.</summary>
    public OptionSpec? FindLong(string name) => Options.FirstOrDefault(o => o.Name == name);

    /// <summary>The option with this short alias, or null.</summary>
    public OptionSpec? FindShort(char name) => Options.FirstOrDefault(o => o.Short == name);
}
