using System.Globalization;
using ControlPlane.Core.Diagnostics;
using ControlPlane.Core.Text;

namespace ControlPlane.Core.Definitions.Inputs;

/// <summary>Turns an input value written as text into the typed value expressions see.</summary>
internal static class InputValueConverter
{
    /// <param name="quoted">The text was written as a string ('5' in YAML); such text is not a number or a boolean.</param>
    public static ConvertedInput Convert(InputDefinition input, string text, bool quoted) => input.Type switch
    {
        InputType.Number when !quoted && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
            => new ConvertedInput(number, null, null),
        InputType.Number => new ConvertedInput(null, DiagnosticCodes.InputTypeMismatch, $"must be a number, got {Describe(text, quoted && double.TryParse(text, CultureInfo.InvariantCulture, out _))}"),
        InputType.Bool when !quoted && text is "true" or "false"
            => new ConvertedInput(text == "true", null, null),
        InputType.Bool => new ConvertedInput(null, DiagnosticCodes.InputTypeMismatch, $"must be true or false, got {Describe(text, quoted && text is "true" or "false")}"),
        InputType.Choice when input.Options.Contains(text) => new ConvertedInput(text, null, null),
        InputType.Choice => new ConvertedInput(
            null,
            DiagnosticCodes.InputNotInOptions,
            $"must be one of: {string.Join(", ", input.Options)}; got '{text}'{NameSuggester.Hint(text, input.Options)}"),
        _ => new ConvertedInput(text, null, null),
    };

    private static string Describe(string text, bool onlyTheQuotesAreWrong) =>
        onlyTheQuotesAreWrong ? $"the string '{text}'; remove the quotes" : $"'{text}'";
}
