namespace ControlPlane.Core.Definitions;

/// <summary>What names in a workflow may look like.</summary>
public static class Identifiers
{
    public const int MaxLength = 100;

    /// <summary>Step, group, input, output and matrix axis names: letters, digits, '_' and '-', starting with a letter or '_'.</summary>
    public static bool IsValidId(string text) =>
        text.Length is > 0 and <= MaxLength
        && (char.IsAsciiLetter(text[0]) || text[0] == '_')
        && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    /// <summary>Environment variable and secret names: letters, digits and '_', not starting with a digit.</summary>
    public static bool IsValidEnvName(string text) =>
        text.Length is > 0 and <= MaxLength
        && (char.IsAsciiLetter(text[0]) || text[0] == '_')
        && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    public const string IdRule = "use letters, digits, '_' and '-', starting with a letter or '_'";

    public const string EnvNameRule = "use letters, digits and '_', not starting with a digit";
}
