using System.Globalization;

namespace ControlPlane.Agent.Executors.Sleep;

/// <summary>Runs sleep steps: a cancellable wait on the injected clock, announced as a system line.</summary>
public sealed class SleepExecutor(TimeProvider timeProvider)
{
    /// <param name="cancellationToken">Ends the wait; the result is <see cref="StepOutcome.Cancelled"/>.</param>
    public async Task<StepResult> RunAsync(SleepStep step, IStepOutputSink sink, CancellationToken cancellationToken)
    {
        if (step.Duration < TimeSpan.Zero)
        {
            return StepResult.CouldNotRun($"duration {step.Duration} must not be negative.");
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return StepResult.CancelledBeforeStart();
        }

        var timesOut = step.Timeout is { } limit && limit < step.Duration;
        var wait = timesOut ? step.Timeout!.Value : step.Duration;
        using var serialized = new SerializedSink(sink);
        try
        {
            // The sleep starts with the step, not once its line is written: a slow log must not lengthen it.
            var sleeping = Task.Delay(wait, timeProvider, cancellationToken);
            await serialized.WriteSystemLineAsync($"Sleeping {Seconds(step.Duration)} s", cancellationToken);
            await sleeping;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new StepResult(StepOutcome.Cancelled, FailureClass.Cancelled, null, null, new Dictionary<string, string>(), []);
        }

        return timesOut
            ? new StepResult(StepOutcome.TimedOut, FailureClass.Timeout, null, null, new Dictionary<string, string>(), [])
            : new StepResult(StepOutcome.Succeeded, FailureClass.None, null, null, new Dictionary<string, string>(), []);
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
