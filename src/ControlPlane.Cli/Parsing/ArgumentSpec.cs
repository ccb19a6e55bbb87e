namespace ControlPlane.Cli.Parsing;

/// <summary>A positional argument: required or optional, and at most the last one may take several values.</summary>
/// <param name="Name">Upper-case name shown in usage, e.g. <c>RUN</c>.</param>
/// <param name="Help">One line for <c>--help</c>.</param>
/// <param name="Required">False for an optional argument (shown in brackets).</param>
/// <param name="Many">True when it takes every remaining word (shown with <c>...</c>).</param>
internal sealed record ArgumentSpec(string Name, string Help, bool Required = true, bool Many = false)
{
    /// <summary>How the argument reads in a usage line.</summary>
    public string Synopsis => (Required ? Name : $"[{Name}]") + (Many ? "..." : string.Empty);
}
