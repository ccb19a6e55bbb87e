using System.Text;
using System.Text.RegularExpressions;

namespace ControlPlane.Agent.Executors;

/// <summary>
/// Reads <c>$CP_OUTPUT</c> after the script exits. Format: one <c>key=value</c> per line ('\n' or "\r\n"); the value is
/// everything after the first '=' (it may contain '=' and be empty), decoded as UTF-8. When a key repeats the last
/// value wins. Keys are 1-128 of letters, digits, '_' and '-', not starting with a digit or '-'. Empty lines are
/// skipped; lines without '=' and lines with an invalid key are ignored with a warning that quotes neither the line
/// nor the value (either might hold a secret). A file over the size cap yields no outputs at all and a warning:
/// a truncated file could silently change values. Multi-line values (<c>key&lt;&lt;EOF</c>) are not supported.
/// </summary>
internal static partial class StepOutputs
{
    /// <summary>Reads and parses the file; a missing file (the script deleted it) means no outputs and a warning.</summary>
    public static async Task<(Dictionary<string, string> Outputs, List<string> Warnings)> ReadAsync(string path, int maxBytes, CancellationToken cancellationToken)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return ([], ["The outputs file ($CP_OUTPUT) was removed by the step; no outputs."]);
        }

        if (info.Length > maxBytes)
        {
            return ([], [$"The outputs file ($CP_OUTPUT) has {info.Length} bytes, over the {maxBytes}-byte limit; no outputs."]);
        }

        return Parse(await File.ReadAllBytesAsync(path, cancellationToken));
    }

    public static (Dictionary<string, string> Outputs, List<string> Warnings) Parse(ReadOnlySpan<byte> content)
    {
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        var warnings = new List<string>();
        var lineNumber = 0;
        foreach (var range in content.Split((byte)'\n'))
        {
            lineNumber++;
            var line = content[range];
            if (line.EndsWith("\r"u8))
            {
                line = line[..^1];
            }

            if (line.IsEmpty)
            {
                continue;
            }

            var equals = line.IndexOf((byte)'=');
            if (equals < 0)
            {
                warnings.Add($"Outputs file line {lineNumber} ignored: it has no '='.");
                continue;
            }

            var key = Encoding.UTF8.GetString(line[..equals]);
            if (!KeyPattern().IsMatch(key))
            {
                warnings.Add($"Outputs file line {lineNumber} ignored: the key is not 1-128 letters, digits, '_' or '-' starting with a letter or '_'.");
                continue;
            }

            outputs[key] = Encoding.UTF8.GetString(line[(equals + 1)..]);
        }

        return (outputs, warnings);
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_-]{0,127}$")]
    private static partial Regex KeyPattern();
}
