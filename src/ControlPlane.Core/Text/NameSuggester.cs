namespace ControlPlane.Core.Text;

/// <summary>
/// Finds the closest known name to a misspelt one ("did you mean 'needs'?"). Uses the optimal string
/// alignment distance so a swap of two neighbouring letters ('biuld') counts as one edit, as people make it.
/// </summary>
public static class NameSuggester
{
    public static string? Closest(string value, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(value.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance && distance <= Tolerance(candidate))
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>"; did you mean 'x'?" or an empty string, ready to append to a message.</summary>
    public static string Hint(string value, IEnumerable<string> candidates)
    {
        var closest = Closest(value, candidates);
        return closest is null ? string.Empty : $"; did you mean '{closest}'?";
    }

    // Short names tolerate one edit, longer ones roughly one edit per three letters; beyond that a
    // suggestion is more confusing than helpful.
    private static int Tolerance(string candidate) => Math.Clamp((candidate.Length + 1) / 3, 1, 3);

    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
