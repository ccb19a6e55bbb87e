namespace ControlPlane.Core.Expressions.Analysis;

/// <summary>
/// A read of a context found in an expression: <c>steps.build.outputs.version</c> is context
/// <c>steps</c> with path [build, outputs, version]. The path stops at the first index that is not a
/// string literal, since what follows is only known at run time.
/// </summary>
/// <param name="Position">Offset of the context name in the expression text.</param>
public sealed record ContextReference(string Context, IReadOnlyList<string> Path, int Position)
{
    /// <summary>The reference as it reads in a message, e.g. <c>steps.build.outputs.version</c>.</summary>
    public string Describe(int segments) => string.Join('.', new[] { Context }.Concat(Path.Take(segments)));
}
