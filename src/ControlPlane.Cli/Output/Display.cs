using System.Globalization;
using System.Text;
using ControlPlane.Contracts.V1;
using Google.Protobuf.WellKnownTypes;

namespace ControlPlane.Cli.Output;

/// <summary>How states, times and durations read in tables and lines: short, stable, culture-invariant.</summary>
internal static class Display
{
    /// <summary>An enum value as snake_case without its prefix, e.g. RunState.WaitingForRetry → waiting_for_retry.</summary>
    public static string Name<T>(T value)
        where T : struct, System.Enum
    {
        var text = value.ToString();
        var snake = new StringBuilder(text.Length + 4);
        for (var i = 0; i < text.Length; i++)
        {
            if (i > 0 && char.IsUpper(text[i]))
            {
                snake.Append('_');
            }

            snake.Append(char.ToLowerInvariant(text[i]));
        }

        return snake.ToString();
    }

    /// <summary>A timestamp as <c>2026-11-22 07:15:03Z</c>; "-" when unset.</summary>
    public static string Time(Timestamp? at) =>
        at is null ? "-" : at.ToDateTimeOffset().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The time between two timestamps (the second defaulting to now), e.g. <c>1m03s</c>; "-" before a start.</summary>
    public static string Elapsed(Timestamp? start, Timestamp? end, DateTimeOffset now) =>
        start is null ? "-" : Duration((end?.ToDateTimeOffset() ?? now) - start.ToDateTimeOffset());

    /// <summary>A duration as <c>850ms</c>, <c>12s</c>, <c>1m03s</c> or <c>2h05m</c>.</summary>
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        return span.TotalSeconds switch
        {
            < 1 => $"{(int)span.TotalMilliseconds}ms",
            < 60 => $"{(int)span.TotalSeconds}s",
            < 3600 => $"{(int)span.TotalMinutes}m{span.Seconds:00}s",
            _ => $"{(int)span.TotalHours}h{span.Minutes:00}m",
        };
    }

    /// <summary>The inputs of a run as <c>k=v, k2=v2</c>, sorted by key.</summary>
    public static string Inputs(IDictionary<string, string> inputs) =>
        string.Join(", ", inputs.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

    /// <summary>The latest attempt of a step, or null before the first.</summary>
    public static Attempt? LatestAttempt(Step step) => step.Attempts.Count == 0 ? null : step.Attempts[^1];

    /// <summary>True when a run will change no more.</summary>
    public static bool IsFinished(RunState state) =>
        state is RunState.Succeeded or RunState.Failed or RunState.Cancelled;
}
