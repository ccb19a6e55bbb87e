namespace ControlPlane.Core.Expressions.Syntax;

/// <param name="IsStatusFunction">success(), failure(), always(), cancelled(): only meaningful in conditions.</param>
internal sealed record FunctionSignature(string Name, int MinArguments, int MaxArguments, bool IsStatusFunction = false)
{
    /// <summary>"no arguments", "1 argument", "1 to 2 arguments", "at least 1 argument".</summary>
    public string DescribeArity() => this switch
    {
        { MinArguments: 0, MaxArguments: 0 } => "no arguments",
        { MaxArguments: int.MaxValue } => $"at least {Count(MinArguments)}",
        _ when MinArguments == MaxArguments => Count(MinArguments),
        _ => $"{MinArguments} to {MaxArguments} arguments",
    };

    private static string Count(int n) => n == 1 ? "1 argument" : $"{n} arguments";
}
