namespace ControlPlane.Core.Expressions.Syntax;

/// <summary>The functions expressions may call. Names match case-insensitively, as in GitHub Actions.</summary>
internal static class BuiltInFunctions
{
    public static readonly IReadOnlyList<FunctionSignature> All =
    [
        new("success", 0, 0, IsStatusFunction: true),
        new("failure", 0, 0, IsStatusFunction: true),
        new("always", 0, 0, IsStatusFunction: true),
        new("cancelled", 0, 0, IsStatusFunction: true),
        new("contains", 2, 2),
        new("startsWith", 2, 2),
        new("endsWith", 2, 2),
        new("format", 1, int.MaxValue),
        new("join", 1, 2),
        new("toJSON", 1, 1),
        new("fromJSON", 1, 1),
    ];

    public static FunctionSignature? Find(string name)
    {
        foreach (var signature in All)
        {
            if (string.Equals(signature.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return signature;
            }
        }

        return null;
    }
}
