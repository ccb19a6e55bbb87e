using System.Globalization;

namespace ControlPlane.Bench.EndToEnd;

/// <summary>
/// Wall-clock readings shared by the bench and the step processes it measures: bash's $EPOCHREALTIME (seconds with
/// six decimals, read from CLOCK_REALTIME without starting a process) and the store's unix milliseconds.
/// </summary>
internal static class WallClock
{
    public static DateTimeOffset ParseEpochRealtime(string text)
    {
        // The decimal separator follows the locale of the shell; steps run with the agent's environment.
        var microseconds = decimal.Parse(text.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) * 1_000_000m;
        return DateTimeOffset.UnixEpoch.AddTicks((long)microseconds * TimeSpan.TicksPerMicrosecond);
    }
}
