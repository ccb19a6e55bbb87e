using System.CommandLine;
using ControlPlane.Cli.Output;
using ControlPlane.Cli.Parsing;

namespace ControlPlane.Cli.Commands;

/// <summary>Options several commands share, so they read the same everywhere; each call is a fresh option for one command.</summary>
internal static class CommonOptions
{
    /// <summary><c>-o, --output table|json</c> on every read command; table (the enum's default) when not given.</summary>
    public static Option<OutputFormat> Output()
    {
        var option = TypedOptions.Parsed("--output", "table|json", "how to print the result (default table)", Format, "-o");
        option.CompletionSources.Clear(); // not the enum's member names: the spelling is lower case
        option.CompletionSources.Add("table", "json");
        return option;
    }

    /// <summary><c>-i, --input KEY=VALUE</c> for workflow inputs, repeatable (a later key wins).</summary>
    public static Option<Dictionary<string, string>> Input()
    {
        var option = TypedOptions.Repeatable("--input", "KEY=VALUE", "a workflow input", ValueParsers.KeyValues, "-i");
        option.DefaultValueFactory = _ => new Dictionary<string, string>(StringComparer.Ordinal);
        return option;
    }

    /// <summary><c>--raw</c>, shared by the commands that print logs.</summary>
    public static Option<bool> Raw() =>
        TypedOptions.Flag("--raw", "write logs as stored, byte for byte, also on a terminal (piped output always is)");

    private static OutputFormat Format(string text, string where) => text switch
    {
        "table" => OutputFormat.Table,
        "json" => OutputFormat.Json,
        _ => throw new UsageException($"{where}: unknown format '{text}'; use table or json"),
    };
}
