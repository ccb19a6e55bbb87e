using System.Globalization;

namespace ControlPlane.EndToEnd.Tests.Support;

/// <summary>
/// Steps write their process group id to <c>pid-$CP_ATTEMPT</c> in the scratch directory, so a test follows the attempt
/// that actually runs: under load an offer can expire before its accept arrives, and the step is offered again.
/// </summary>
internal static class PidFiles
{
    public static bool Written(string scratch, int attempt)
    {
        var pid = new FileInfo(Path.Combine(scratch, $"pid-{attempt}"));
        return pid.Exists && pid.Length > 0;
    }

    public static async Task<int> ReadAsync(string scratch, int attempt) =>
        int.Parse((await File.ReadAllTextAsync(Path.Combine(scratch, $"pid-{attempt}"))).Trim(), CultureInfo.InvariantCulture);
}
