namespace ControlPlane.Grpc.Server.Internal;

/// <summary>
/// Parses the <c>grpc-timeout</c> request header: 1 to 8 ASCII digits followed by one unit letter,
/// H (hours), M (minutes), S (seconds), m (milliseconds), u (microseconds) or n (nanoseconds).
/// </summary>
internal static class GrpcTimeoutHeader
{
    private const int MaxDigits = 8;

    /// <summary>
    /// Returns false for anything outside the grammar (no digits, more than 8 digits, signs, spaces,
    /// an unknown unit); the caller then treats the call as having no deadline. Nanoseconds round up
    /// to the next 100 ns tick so that a positive timeout never becomes zero.
    /// </summary>
    public static bool TryParse(string? value, out TimeSpan timeout)
    {
        timeout = default;
        if (value is null || value.Length < 2 || value.Length > MaxDigits + 1)
        {
            return false;
        }

        long amount = 0;
        for (var i = 0; i < value.Length - 1; i++)
        {
            var digit = value[i] - '0';
            if (digit is < 0 or > 9)
            {
                return false;
            }

            amount = (amount * 10) + digit;
        }

        // 99,999,999 hours is 3.6e18 ticks, which still fits in a long.
        long ticks = value[^1] switch
        {
            'H' => amount * TimeSpan.TicksPerHour,
            'M' => amount * TimeSpan.TicksPerMinute,
            'S' => amount * TimeSpan.TicksPerSecond,
            'm' => amount * TimeSpan.TicksPerMillisecond,
            'u' => amount * TimeSpan.TicksPerMicrosecond,
            'n' => (amount + 99) / 100,
            _ => -1,
        };
        if (ticks < 0)
        {
            return false;
        }

        timeout = TimeSpan.FromTicks(ticks);
        return true;
    }
}
