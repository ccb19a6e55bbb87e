using System.Globalization;
using System.Text;

namespace ControlPlane.EndToEnd.Tests.Support;

/// <summary>
/// A fan-out/fan-in workflow for fault scenarios: a root step, <c>width</c> parallel steps and a final join. Every step
/// appends its key to a shared file (the side effect counted afterwards) and prints a seed-dependent number of lines,
/// so the bytes its stored log must hold are known exactly.
/// </summary>
internal sealed class Fanout
{
    private readonly Dictionary<string, int> _lines = [];

    public Fanout(int seed, int width, string effectsFile, int maxLines = 400, double maxSleepSeconds = 0.5)
    {
        var random = new Random(seed);
        Keys = ["root", .. Enumerable.Range(1, width).Select(i => string.Create(CultureInfo.InvariantCulture, $"fan{i:D3}")), "join"];
        EffectsFile = effectsFile;
        var yaml = new StringBuilder("name: fanout\nsteps:\n");
        foreach (var key in Keys)
        {
            var lines = random.Next(0, maxLines + 1);
            var sleep = (random.NextDouble() * maxSleepSeconds).ToString("F2", CultureInfo.InvariantCulture);
            _lines[key] = lines;
            yaml.Append(CultureInfo.InvariantCulture, $"  - id: {key}\n");
            if (key == "join")
            {
                yaml.Append("    needs: [").AppendJoin(", ", Keys.Where(k => k.StartsWith("fan", StringComparison.Ordinal))).Append("]\n");
            }
            else if (key != "root")
            {
                yaml.Append("    needs: root\n");
            }

            yaml.Append(CultureInfo.InvariantCulture, $"    run: |\n      echo {key} >> {effectsFile}\n      echo \"step {key}\"\n      sleep {sleep}\n");
            if (lines > 0)
            {
                yaml.Append(CultureInfo.InvariantCulture, $"      seq 1 {lines}\n");
            }
        }

        Yaml = yaml.ToString();
    }

    public IReadOnlyList<string> Keys { get; }

    public string EffectsFile { get; }

    public string Yaml { get; }

    /// <summary>The exact bytes the step's log must hold.</summary>
    public string ExpectedLog(string key) => $"step {key}\n" + string.Concat(Enumerable.Range(1, _lines[key]).Select(i => string.Create(CultureInfo.InvariantCulture, $"{i}\n")));
}
