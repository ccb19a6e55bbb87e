namespace ControlPlane.Settings;

/// <summary>A setting's value cannot be used; the message is one line naming the setting as the user wrote it.</summary>
public sealed class SettingException : Exception
{
    public SettingException(string setting, string problem)
        : base($"{setting}: {problem}")
    {
        Setting = setting;
    }

    public SettingException()
    {
        Setting = string.Empty;
    }

    public SettingException(string message, Exception innerException)
        : base(message, innerException)
    {
        Setting = string.Empty;
    }

    /// <summary>The setting as the user wrote it: a flag, an environment variable or a configuration key.</summary>
    public string Setting { get; }
}
