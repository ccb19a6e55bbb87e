using System.Text.RegularExpressions;

namespace ControlPlane.Server.Hosting;

/// <summary>
/// Binds one configuration section to its options class. Durations read in the grammar of every program (<c>15s</c>,
/// <c>1h30m</c>; TimeSpan text still works) once <see cref="Settings.DurationConverter"/> is registered, and a value that
/// cannot be converted is a <see cref="UsageException"/> of one line naming the key, as the user wrote it in the file.
/// </summary>
public static partial class ConfigurationSections
{
    /// <exception cref="UsageException">A value of the section cannot be converted to its setting's type.</exception>
    public static T Bind<T>(IConfiguration configuration, string section)
        where T : new()
    {
        var options = new T();
        try
        {
            configuration.GetSection(section).Bind(options);
        }
        catch (InvalidOperationException e)
        {
            // The binder's message names the key ("... value '10x' at 'Scheduler:OfferTimeout' to type ..."); the
            // inner exception says what is wrong with the value.
            var key = KeyInMessage().Match(e.Message) is { Success: true } match ? match.Groups[1].Value : section;
            throw new UsageException($"{key}: {FirstLine(e.InnerException?.Message ?? e.Message)}");
        }

        return options;
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();

    [GeneratedRegex("at '([^']+)'")]
    private static partial Regex KeyInMessage();
}
