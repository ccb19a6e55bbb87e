using System.Globalization;

namespace ControlPlane.Core.Scheduling;

/// <summary>
/// The texts stored as a waiting step's pending reason: short, specific and stable, because people read them in
/// <c>cpctl</c> and tests compare them exactly.
/// </summary>
public static class PendingReasons
{
    /// <summary>Its run is queued behind others holding the same concurrency key.</summary>
    public static string ConcurrencyKey(string key) => $"waiting for concurrency key {key}";

    /// <summary>No connected runner carries every label the step needs.</summary>
    public static string NoMatchingRunner(IReadOnlyList<string> labels) =>
        labels.Count == 0 ? "no connected runner" : $"no connected runner has labels [{string.Join(", ", labels)}]";

    /// <summary>Runners with the labels are connected, but every slot holds an attempt.</summary>
    public static string AllSlotsBusy(int matchingRunners) => $"{Runners(matchingRunners)}, all slots busy";

    /// <summary>Every runner with the labels is draining.</summary>
    public static string AllDraining(int matchingRunners) => $"{Runners(matchingRunners)}, all draining";

    /// <summary>The step's matrix already has <paramref name="limit"/> expansions offered or running.</summary>
    public static string MaxParallel(int limit, string stepId) => $"max_parallel {limit} reached for {stepId}";

    /// <summary>Waiting for retry <paramref name="retry"/> (1 for the second attempt) until <paramref name="notBefore"/>.</summary>
    public static string Retry(int retry, DateTimeOffset notBefore) =>
        $"retry {retry} not before {notBefore.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture)}Z";

    private static string Runners(int count) => count == 1 ? "1 matching runner" : $"{count} matching runners";
}
