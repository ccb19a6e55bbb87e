namespace ControlPlane.Core.Expressions.Syntax;

internal enum TokenKind
{
    Number,
    String,
    Identifier,
    True,
    False,
    Null,
    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
    Dot,
    Comma,
    Not,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    And,
    Or,
    End,
}
