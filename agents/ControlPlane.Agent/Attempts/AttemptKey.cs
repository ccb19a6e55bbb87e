using System.Globalization;
using System.Text.RegularExpressions;

namespace ControlPlane.Agent.Attempts;

/// <summary>
/// Names one attempt of one step of one run. The ids become directory and file names (workspace, spool, state), so
/// they are restricted to letters, digits, '_' and '-' (1 to 64 characters); no '.' keeps names unambiguous and free
/// of <c>..</c>.
/// </summary>
public sealed partial record AttemptKey
{
    public AttemptKey(string runId, string stepId, int attempt)
    {
        RunId = ValidId(runId, nameof(runId));
        StepId = ValidId(stepId, nameof(stepId));
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        Attempt = attempt;
    }

    public string RunId { get; }

    public string StepId { get; }

    /// <summary>1 for the first attempt; every retry or requeue gets the next number.</summary>
    public int Attempt { get; }

    /// <summary><c>{run}/{step}/{attempt}</c>, relative to a work or spool directory.</summary>
    public string RelativePath => Path.Combine(RunId, StepId, Attempt.ToString(CultureInfo.InvariantCulture));

    /// <summary><c>{run}.{step}.{attempt}</c>: one file name per attempt.</summary>
    public string FileStem => string.Create(CultureInfo.InvariantCulture, $"{RunId}.{StepId}.{Attempt}");

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{RunId}/{StepId}#{Attempt}");

    private static string ValidId(string id, string name) =>
        id is not null && IdPattern().IsMatch(id)
            ? id
            : throw new ArgumentException($"'{id}' is not a valid id: use 1-64 letters, digits, '_' or '-'.", name);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex IdPattern();
}
