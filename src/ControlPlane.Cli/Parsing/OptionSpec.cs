namespace ControlPlane.Cli.Parsing;

/// <summary>
/// One option a command accepts. A flag takes no value; otherwise the value follows as the next word or after
/// <c>=</c>. A repeatable option may be given several times (each value is kept in order).
/// </summary>
/// <param name="Name">The long name without dashes, e.g. <c>state</c>.</param>
/// <param name="Help">One line for <c>--help</c>.</param>
/// <param name="ValueName">What the value is, e.g. <c>KEY=VALUE</c>; null for a flag.</param>
/// <param name="Short">A one-letter alias, e.g. <c>'i'</c>; null when there is none.</param>
/// <param name="Repeatable">True when the option may be given more than once.</param>
internal sealed record OptionSpec(string Name, string Help, string? ValueName = null, char? Short = null, bool Repeatable = false)
{
    /// <summary>True when the option is a switch without a value.</summary>
    public bool IsFlag => ValueName is null;

    /// <summary>How the option reads in help, e.g. <c>-i, --input KEY=VALUE</c>.</summary>
    public string Synopsis => (Short is { } s ? $"-{s}, " : "    ") + $"--{Name}" + (IsFlag ? string.Empty : $" {ValueName}");

    /// <summary>A flag.</summary>
    public static OptionSpec Flag(string name, string help, char? shortName = null) => new(name, help, null, shortName);

    /// <summary>An option with a value.</summary>
    public static OptionSpec Value(string name, string valueName, string help, char? shortName = null, bool repeatable = false) =>
        new(name, help, valueName, shortName, repeatable);
}
