namespace ControlPlane.Core.Expressions.Syntax;

/// <param name="Value">The literal value of number and string tokens.</param>
internal sealed record Token(TokenKind Kind, string Text, int Position, object? Value = null)
{
    public string Describe() => Kind == TokenKind.End ? "the end of the expression" : $"'{Text}'";
}
