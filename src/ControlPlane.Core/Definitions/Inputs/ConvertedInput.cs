namespace ControlPlane.Core.Definitions.Inputs;

/// <param name="Value">The typed value, or null when the text does not fit the input.</param>
/// <param name="Code">The diagnostic code for the problem (type mismatch or not an option).</param>
/// <param name="Problem">Completes "input 'x' ..." or "default of input 'x' ...".</param>
internal sealed record ConvertedInput(object? Value, string? Code, string? Problem);
