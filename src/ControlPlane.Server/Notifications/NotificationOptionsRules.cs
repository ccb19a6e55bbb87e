namespace ControlPlane.Server.Notifications;

/// <summary>The checks on the <c>Notifications</c> and <c>Alerts</c> sections, each problem naming its key.</summary>
internal static class NotificationOptionsRules
{
    public static List<string> Check(NotificationOptions options, AlertOptions alerts)
    {
        var problems = new List<string>();
        const string N = NotificationOptions.Section;
        Positive(problems, $"{N}:PollInterval", options.PollInterval);
        Positive(problems, $"{N}:Timeout", options.Timeout);
        Positive(problems, $"{N}:BackoffBase", options.BackoffBase);
        if (options.BackoffMax < options.BackoffBase)
        {
            problems.Add($"{N}:BackoffMax: must be at least BackoffBase ({options.BackoffBase})");
        }

        AtLeast(problems, $"{N}:BatchSize", options.BatchSize, 1);
        AtLeast(problems, $"{N}:MaxAttempts", options.MaxAttempts, 1);
        AtLeast(problems, $"{N}:BreakerMinimumThroughput", options.BreakerMinimumThroughput, 2);
        if (!(options.BreakerFailureRatio > 0 && options.BreakerFailureRatio <= 1))
        {
            problems.Add($"{N}:BreakerFailureRatio: must be above 0 and at most 1, got {options.BreakerFailureRatio}");
        }

        AtLeast(problems, $"{N}:BreakerSamplingDuration", options.BreakerSamplingDuration, TimeSpan.FromMilliseconds(500));
        AtLeast(problems, $"{N}:BreakDuration", options.BreakDuration, TimeSpan.FromMilliseconds(500));

        const string A = AlertOptions.Section;
        Positive(problems, $"{A}:CheckInterval", alerts.CheckInterval);
        AtLeast(problems, $"{A}:MedianSample", alerts.MedianSample, 1);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < alerts.Rules.Count; i++)
        {
            var rule = alerts.Rules[i];
            var path = $"{A}:Rules:{i}";
            if (string.IsNullOrWhiteSpace(rule.Name))
            {
                problems.Add($"{path}:Name: every rule needs a name");
            }
            else if (!names.Add(rule.Name))
            {
                problems.Add($"{path}:Name: '{rule.Name}' is used by another rule");
            }

            Positive(problems, $"{path}:Window", rule.Window);
            AtLeast(problems, $"{path}:MinRuns", rule.MinRuns, 1);
            if (rule.Kind == AlertKind.SuccessRateBelow && !(rule.Threshold > 0 && rule.Threshold <= 1))
            {
                problems.Add($"{path}:Threshold: must be above 0 and at most 1, got {rule.Threshold}");
            }

            if (rule.Kind == AlertKind.DurationAboveMedian && !(rule.Multiple > 0))
            {
                problems.Add($"{path}:Multiple: must be above 0, got {rule.Multiple}");
            }
        }

        return problems;
    }

    private static void Positive(List<string> problems, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            problems.Add($"{key}: must be longer than 0, got {value}");
        }
    }

    private static void AtLeast<T>(List<string> problems, string key, T value, T min)
        where T : IComparable<T>
    {
        if (value.CompareTo(min) < 0)
        {
            problems.Add($"{key}: must be at least {min}, got {value}");
        }
    }
}
