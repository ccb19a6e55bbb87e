using System.Globalization;

namespace ControlPlane.EndToEnd.Tests.Support;

/// <summary>
/// Seeds for the randomised fault scenarios: two fixed ones by default (keeping the suite within a few minutes on a
/// 2-core machine), so CI replays the same schedules; set <c>CP_E2E_SEEDS=N</c> for a soak over N seeds (the fixed
/// ones first, then seeds derived from them). A failing test
/// prints its seed; <c>CP_E2E_SEED=S</c> replays that one seed alone.
/// </summary>
public static class Seeds
{
    private const int DefaultCount = 2;

    private static readonly int[] Fixed = [11, 2027, 90210];

    /// <summary>The seeds every seeded scenario runs over.</summary>
    public static TheoryData<int> All
    {
        get
        {
            var data = new TheoryData<int>();
            if (int.TryParse(Environment.GetEnvironmentVariable("CP_E2E_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var only))
            {
                data.Add(only);
                return data;
            }

            var count = int.TryParse(Environment.GetEnvironmentVariable("CP_E2E_SEEDS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : DefaultCount;
            var derived = new Random(Fixed[0]);
            for (var i = 0; i < count; i++)
            {
                data.Add(i < Fixed.Length ? Fixed[i] : derived.Next(1, int.MaxValue));
            }

            return data;
        }
    }
}
