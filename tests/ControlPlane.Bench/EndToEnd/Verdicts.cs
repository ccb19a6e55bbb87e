using System.Globalization;

namespace ControlPlane.Bench.EndToEnd;

/// <summary>The verdict column: whether a figure meets its target, with the target spelled out.</summary>
internal static class Verdicts
{
    public static string AtLeast(double value, double target, string format = "N0") =>
        value >= target ? $"ok (target >= {target.ToString(format, CultureInfo.InvariantCulture)})" : $"MISSED (target >= {target.ToString(format, CultureInfo.InvariantCulture)})";

    public static string AtMost(double value, double target, string format = "N0") =>
        value <= target ? $"ok (target <= {target.ToString(format, CultureInfo.InvariantCulture)})" : $"MISSED (target <= {target.ToString(format, CultureInfo.InvariantCulture)})";
}
