using System.Text.Json;
using ControlPlane.Core.StateMachines;
using ControlPlane.Core.Steps;
using ControlPlane.Core.Storage;

namespace ControlPlane.Server.Scheduling.Runs;

/// <summary>
/// What RetryRun writes on a step's reset event and the retry policy reads back: the highest attempt number the step
/// had then. Attempts up to it belong to earlier run attempts, so a retried run gets its retry budget whole again.
/// </summary>
/// <remarks>Kept in the event rather than a column: it is read only when an attempt fails, with one indexed read.</remarks>
internal static class ResetMarker
{
    private const string AttemptsBefore = "attempts_before";
    private const string RunAttempt = "run_attempt";

    /// <summary>The reset event's data.</summary>
    public static string Data(int runAttempt, int attemptsBefore) =>
        JsonSerializer.Serialize(new Dictionary<string, int> { [RunAttempt] = runAttempt, [AttemptsBefore] = attemptsBefore });

    /// <summary>The highest attempt number of earlier run attempts; 0 for a step never reset.</summary>
    public static async Task<int> AttemptsBeforeAsync(IUnitOfWork unit, StepRecord step, CancellationToken cancellationToken)
    {
        var reset = await unit.Events.FindLastStepEventAsync(step.RunId, step.Id, EnumText.ToText(StepTrigger.Reset), cancellationToken);
        if (reset?.DataJson is not { } json)
        {
            return 0;
        }

        using var data = JsonDocument.Parse(json);
        return data.RootElement.TryGetProperty(AttemptsBefore, out var value) && value.TryGetInt32(out var number) ? number : 0;
    }
}
