using ControlPlane.Cli.Output;
using ControlPlane.Cli.Parsing;

namespace ControlPlane.Cli.Commands;

/// <summary>Options several commands share, so they read the same everywhere.</summary>
internal static class CommonOptions
{
    /// <summary><c>-o, --output table|json</c> on every read command.</summary>
    public static readonly OptionSpec Output = OptionSpec.Value("output", "table|json", "how to print the result (default table)", 'o');

    /// <summary><c>-i, --input KEY=VALUE</c> for workflow inputs.</summary>
    public static readonly OptionSpec Input = OptionSpec.Value("input", "KEY=VALUE", "a workflow input", 'i', repeatable: true);

    /// <summary>The <c>--output</c> format; table when not given.</summary>
    public static OutputFormat Format(ParsedArguments arguments) => arguments.Value(Output.Name) switch
    {
        null or "table" => OutputFormat.Table,
        "json" => OutputFormat.Json,
        var other => throw new UsageException($"{arguments.Where(Output.Name)}: unknown format '{other}'; use table or json"),
    };
}
