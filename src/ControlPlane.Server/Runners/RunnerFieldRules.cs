using System.Buffers;

namespace ControlPlane.Server.Runners;

/// <summary>What a runner's name, labels and capacity may be; each violation names its field.</summary>
internal static class RunnerFieldRules
{
    public const int MaxNameLength = 64;
    public const int MaxLabelLength = 64;
    public const int MaxLabels = 64;
    public const int MaxCapacity = 1024;

    private static readonly SearchValues<char> NameChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-");

    /// <exception cref="InvalidRunnerFieldException">The name is empty, too long or has characters outside [A-Za-z0-9._-].</exception>
    public static void CheckName(string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new InvalidRunnerFieldException("name", "must not be empty");
        }

        if (name.Length > MaxNameLength)
        {
            throw new InvalidRunnerFieldException("name", $"must be at most {MaxNameLength} characters, got {name.Length}");
        }

        if (name.AsSpan().IndexOfAnyExcept(NameChars) is var bad and >= 0)
        {
            throw new InvalidRunnerFieldException("name", $"'{name}' has the character '{name[bad]}' at {bad}; use letters, digits, '.', '_' and '-'");
        }

        if (!char.IsAsciiLetterOrDigit(name[0]))
        {
            throw new InvalidRunnerFieldException("name", $"'{name}' must start with a letter or digit");
        }
    }

    /// <exception cref="InvalidRunnerFieldException">A label is empty, too long, repeated or has whitespace or control characters.</exception>
    public static void CheckLabels(IReadOnlyList<string> labels, string field = "labels")
    {
        if (labels.Count > MaxLabels)
        {
            throw new InvalidRunnerFieldException(field, $"at most {MaxLabels} labels, got {labels.Count}");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < labels.Count; i++)
        {
            var label = labels[i];
            var where = $"{field}[{i}]";
            if (label.Length == 0 || label.Length > MaxLabelLength)
            {
                throw new InvalidRunnerFieldException(where, $"must be 1 to {MaxLabelLength} characters, got {label.Length}");
            }

            if (label.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == ','))
            {
                throw new InvalidRunnerFieldException(where, $"'{label}' must not contain whitespace, control characters or commas");
            }

            if (!seen.Add(label))
            {
                throw new InvalidRunnerFieldException(where, $"'{label}' is repeated");
            }
        }
    }

    /// <exception cref="InvalidRunnerFieldException">The capacity is below 1 or above <see cref="MaxCapacity"/>.</exception>
    public static void CheckCapacity(int capacity, string field = "capacity")
    {
        if (capacity is < 1 or > MaxCapacity)
        {
            throw new InvalidRunnerFieldException(field, $"must be between 1 and {MaxCapacity}, got {capacity}");
        }
    }
}
