using System.ComponentModel;
using System.Globalization;

namespace ControlPlane.Settings;

/// <summary>
/// Lets configuration binding read <see cref="TimeSpan"/> settings in the duration grammar (<c>"15s"</c>) as well as
/// TimeSpan text. The binder converts through <see cref="TypeDescriptor"/>, so <see cref="Register"/> makes every
/// TimeSpan in the process's configuration read this way.
/// </summary>
public sealed class DurationConverter : TimeSpanConverter
{
    private static int _registered;

    /// <summary>Installs the converter for <see cref="TimeSpan"/>; idempotent.</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            TypeDescriptor.AddAttributes(typeof(TimeSpan), new TypeConverterAttribute(typeof(DurationConverter)));
        }
    }

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string text
            ? SettingText.TryParseDuration(text, out var duration, out var error) ? duration : throw new FormatException(error)
            : base.ConvertFrom(context, culture, value);
}
