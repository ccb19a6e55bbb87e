using System.Globalization;

namespace ControlPlane.Settings;

/// <summary>
/// The one spelling of a setting's value in flags, <c>CP_*</c> environment variables and configuration files of all
/// three programs: durations as in workflow files (<c>500ms</c>, <c>30s</c>, <c>1h30m</c>, <c>2d</c>), booleans as
/// <c>true</c>/<c>false</c> (also <c>1</c>/<c>0</c>, <c>yes</c>/<c>no</c>), lists comma-separated or repeated.
/// </summary>
/// <remarks>Configuration files written before this grammar used TimeSpan text (<c>00:00:15</c>); it is still read.</remarks>
public static class SettingText
{
    /// <summary>Reads a duration; <paramref name="error"/> names what is wrong with the text (not where it came from).</summary>
    public static bool TryParseDuration(string text, out TimeSpan duration, out string error)
    {
        text = text.Trim();
        if (DurationFormat.TryParse(text, out duration, out error))
        {
            return true;
        }

        if (text.Contains(':', StringComparison.Ordinal)
            && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var legacy) && legacy >= TimeSpan.Zero && legacy <= DurationFormat.Maximum)
        {
            duration = legacy;
            return true;
        }

        return false;
    }

    /// <summary>Reads a duration.</summary>
    /// <param name="setting">How the user wrote the setting's name (<c>--cancel-grace</c>, <c>CP_CANCEL_GRACE</c>, a file's key).</param>
    /// <exception cref="SettingException">Not a duration.</exception>
    public static TimeSpan ParseDuration(string setting, string text) =>
        TryParseDuration(text, out var duration, out var error) ? duration : throw new SettingException(setting, error);

    /// <summary>Reads a boolean.</summary>
    /// <exception cref="SettingException">Not one of true, false, 1, 0, yes, no.</exception>
    public static bool ParseBoolean(string setting, string text) => text.Trim().ToLowerInvariant() switch
    {
        "true" or "1" or "yes" => true,
        "false" or "0" or "no" => false,
        _ => throw new SettingException(setting, $"'{text}' is not true or false"),
    };

    /// <summary>Reads a whole number.</summary>
    /// <exception cref="SettingException">Not a whole number.</exception>
    public static int ParseInteger(string setting, string text) =>
        int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new SettingException(setting, $"'{text}' is not a whole number");

    /// <summary>Reads a whole number that may be large (a byte count).</summary>
    /// <exception cref="SettingException">Not a whole number.</exception>
    public static long ParseLong(string setting, string text) =>
        long.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new SettingException(setting, $"'{text}' is not a whole number");

    /// <summary>The items of a comma-separated list, trimmed, empty ones dropped.</summary>
    public static string[] SplitList(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
