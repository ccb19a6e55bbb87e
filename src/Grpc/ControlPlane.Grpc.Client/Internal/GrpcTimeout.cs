using System.Globalization;

namespace Grpc.Net.Client.Internal;

/// <summary>
/// Formats the <c>grpc-timeout</c> request header: at most 8 ASCII digits followed by a unit
/// (n, u, m, S, M or H). The finest unit whose value fits is used, rounded up so the server never gives up
/// before the client does.
/// </summary>
internal static class GrpcTimeout
{
    private const long MaxValue = 99_999_999;

    private static readonly (long TicksPerUnit, char Unit)[] CoarseUnits =
    [
        (TimeSpan.TicksPerMicrosecond, 'u'),
        (TimeSpan.TicksPerMillisecond, 'm'),
        (TimeSpan.TicksPerSecond, 'S'),
        (TimeSpan.TicksPerMinute, 'M'),
        (TimeSpan.TicksPerHour, 'H'),
    ];

    public static string Format(TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero)
        {
            // Already expired; the smallest positive timeout lets the server fail the call at once.
            return "1n";
        }

        var ticks = timeout.Ticks;
        if (ticks <= MaxValue / TimeSpan.NanosecondsPerTick)
        {
            return Compose(ticks * TimeSpan.NanosecondsPerTick, 'n');
        }

        foreach (var (ticksPerUnit, unit) in CoarseUnits)
        {
            var value = (ticks / ticksPerUnit) + (ticks % ticksPerUnit == 0 ? 0 : 1);
            if (value <= MaxValue)
            {
                return Compose(value, unit);
            }
        }

        // Over 11,000 years: as good as no deadline, and the header must still parse.
        return Compose(MaxValue, 'H');
    }

    private static string Compose(long value, char unit) =>
        value.ToString(CultureInfo.InvariantCulture) + unit;
}
