using System.Globalization;
using ControlPlane.Agent.Attempts;

namespace ControlPlane.Agent.Executors.Docker;

/// <summary>The labels that tie a container to the runner and the attempt it runs, so it can be found again.</summary>
public static class DockerLabels
{
    public const string Run = "io.controlplane.run";
    public const string Step = "io.controlplane.step";
    public const string Attempt = "io.controlplane.attempt";
    public const string Runner = "io.controlplane.runner";

    /// <summary>Every label of one attempt's container.</summary>
    public static Dictionary<string, string> For(string runnerName, AttemptKey attempt) => new(StringComparer.Ordinal)
    {
        [Runner] = runnerName,
        [Run] = attempt.RunId,
        [Step] = attempt.StepId,
        [Attempt] = attempt.Attempt.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The label set that selects every container of <paramref name="runnerName"/>.</summary>
    public static Dictionary<string, string> OfRunner(string runnerName) => new(StringComparer.Ordinal) { [Runner] = runnerName };

    /// <summary>The attempt the labels name; null when they are missing or malformed (a container labelled by hand).</summary>
    public static AttemptKey? AttemptOf(IReadOnlyDictionary<string, string> labels)
    {
        if (labels.TryGetValue(Run, out var run) && labels.TryGetValue(Step, out var step) && labels.TryGetValue(Attempt, out var text)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            try
            {
                return new AttemptKey(run, step, number);
            }
            catch (ArgumentException)
            {
                return null;
            }
        }

        return null;
    }
}
