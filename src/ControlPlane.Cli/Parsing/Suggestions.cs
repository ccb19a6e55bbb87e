namespace ControlPlane.Cli.Parsing;

/// <summary>"did you mean ...?" for a mistyped command or option: the closest candidate within a small edit distance.</summary>
internal static class Suggestions
{
    /// <summary>The candidate closest to <paramref name="typed"/>, or null when none is close enough to be a typo.</summary>
    public static string? Closest(string typed, IEnumerable<string> candidates)
    {
        var limit = Math.Max(1, typed.Length / 3);
        return candidates
            .Select(c => (Candidate: c, Distance: Distance(typed, c)))
            .Where(c => c.Distance <= limit)
            .OrderBy(c => c.Distance)
            .Select(c => c.Candidate)
            .FirstOrDefault();
    }

    /// <summary>"; did you mean 'x'?" or an empty string.</summary>
    public static string Hint(string typed, IEnumerable<string> candidates) =>
        Closest(typed, candidates) is { } best ? $"; did you mean '{best}'?" : string.Empty;

    /// <summary>Edits (insert, delete, substitute, swap two neighbours) that turn one word into the other.</summary>
    private static int Distance(string a, string b)
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
