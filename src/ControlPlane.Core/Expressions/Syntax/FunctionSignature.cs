namespace ControlPlane.Core.Expressions.Syntax;

/// <param name="IsStatusFunction">success(), failure(), always(), cancelled(): only meaningful in conditions.</param>
internal sealed record FunctionSignature(string Name, int MinArguments, int MaxArguments, bool IsStatusFunction = false);
