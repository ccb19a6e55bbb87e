using ControlPlane.Core.Text;

namespace ControlPlane.Core.Expressions.Syntax;

/// <summary>
/// Recursive-descent parser for the text between <c>${{</c> and <c>}}</c>. Precedence, loosest first:
/// <c>||</c>, <c>&amp;&amp;</c>, <c>== !=</c>, <c>&lt; &lt;= &gt; &gt;=</c>, <c>!</c>, then <c>.</c>, <c>[]</c> and calls.
/// Unknown functions and wrong argument counts are syntax errors, found before anything runs.
/// </summary>
public sealed class ExpressionParser
{
    // Deep enough for any real condition; shallow enough that hostile input cannot overflow the stack.
    private const int MaxDepth = 50;

    // Operator chains are parsed in a loop but evaluated recursively; this keeps that recursion shallow.
    private const int MaxTokens = 1000;

    private readonly List<Token> _tokens;
    private int _index;
    private int _depth;

    private ExpressionParser(string text)
    {
        _tokens = ExpressionLexer.Tokenize(text);
    }

    /// <exception cref="ExpressionSyntaxException">The text is not a valid expression.</exception>
    public static ExpressionNode Parse(string text)
    {
        var parser = new ExpressionParser(text);
        if (parser._tokens.Count > MaxTokens)
        {
            throw new ExpressionSyntaxException($"the expression is longer than {MaxTokens} tokens; split it up", 0);
        }

        if (parser.Current.Kind == TokenKind.End)
        {
            throw new ExpressionSyntaxException("the expression is empty", 0);
        }

        var node = parser.ParseOr();
        if (parser.Current.Kind != TokenKind.End)
        {
            throw new ExpressionSyntaxException($"unexpected {parser.Current.Describe()} after a complete expression; did you miss an operator such as '==' or '&&'?", parser.Current.Position);
        }

        return node;
    }

    private Token Current => _tokens[_index];

    private Token Advance() => _tokens[_index++];

    private ExpressionNode ParseOr()
    {
        var left = ParseAnd();
        while (Current.Kind == TokenKind.Or)
        {
            var op = Advance();
            left = new LogicalExpression(LogicalOperator.Or, left, ParseAnd(), op.Position);
        }

        return left;
    }

    private ExpressionNode ParseAnd()
    {
        var left = ParseEquality();
        while (Current.Kind == TokenKind.And)
        {
            var op = Advance();
            left = new LogicalExpression(LogicalOperator.And, left, ParseEquality(), op.Position);
        }

        return left;
    }

    private ExpressionNode ParseEquality()
    {
        var left = ParseComparison();
        while (Current.Kind is TokenKind.Equal or TokenKind.NotEqual)
        {
            var op = Advance();
            var kind = op.Kind == TokenKind.Equal ? ComparisonOperator.Equal : ComparisonOperator.NotEqual;
            left = new ComparisonExpression(kind, left, ParseComparison(), op.Position);
        }

        return left;
    }

    private ExpressionNode ParseComparison()
    {
        var left = ParseUnary();
        while (Current.Kind is TokenKind.Less or TokenKind.LessOrEqual or TokenKind.Greater or TokenKind.GreaterOrEqual)
        {
            var op = Advance();
            var kind = op.Kind switch
            {
                TokenKind.Less => ComparisonOperator.Less,
                TokenKind.LessOrEqual => ComparisonOperator.LessOrEqual,
                TokenKind.Greater => ComparisonOperator.Greater,
                _ => ComparisonOperator.GreaterOrEqual,
            };
            left = new ComparisonExpression(kind, left, ParseUnary(), op.Position);
        }

        return left;
    }

    private ExpressionNode ParseUnary()
    {
        if (Current.Kind != TokenKind.Not)
        {
            return ParsePostfix();
        }

        var not = Advance();
        Enter(not);
        var operand = ParseUnary();
        _depth--;
        return new NotExpression(operand, not.Position);
    }

    private ExpressionNode ParsePostfix()
    {
        var node = ParsePrimary();
        while (true)
        {
            if (Current.Kind == TokenKind.Dot)
            {
                var dot = Advance();
                var name = Current;
                if (name.Kind is not (TokenKind.Identifier or TokenKind.True or TokenKind.False or TokenKind.Null))
                {
                    throw new ExpressionSyntaxException($"expected a property name after '.', got {name.Describe()}", name.Kind == TokenKind.End ? dot.Position : name.Position);
                }

                Advance();
                node = new PropertyAccessExpression(node, name.Text, name.Position);
            }
            else if (Current.Kind == TokenKind.LeftBracket)
            {
                var bracket = Advance();
                Enter(bracket);
                var index = ParseOr();
                _depth--;
                Expect(TokenKind.RightBracket, "']'", bracket);
                node = new IndexAccessExpression(node, index, bracket.Position);
            }
            else
            {
                return node;
            }
        }
    }

    private ExpressionNode ParsePrimary()
    {
        var token = Advance();
        switch (token.Kind)
        {
            case TokenKind.Number:
            case TokenKind.String:
            case TokenKind.True:
            case TokenKind.False:
            case TokenKind.Null:
                return new LiteralExpression(token.Value, token.Position);
            case TokenKind.LeftParen:
                Enter(token);
                var inner = ParseOr();
                _depth--;
                Expect(TokenKind.RightParen, "')'", token);
                return inner;
            case TokenKind.Identifier when Current.Kind == TokenKind.LeftParen:
                return ParseCall(token);
            case TokenKind.Identifier:
                return new ContextExpression(token.Text, token.Position);
            default:
                throw new ExpressionSyntaxException($"expected a value, got {token.Describe()}", token.Position);
        }
    }

    private FunctionCallExpression ParseCall(Token name)
    {
        var signature = BuiltInFunctions.Find(name.Text)
            ?? throw new ExpressionSyntaxException(
                $"unknown function '{name.Text}'" + NameSuggester.Hint(name.Text, BuiltInFunctions.All.Select(f => f.Name)),
                name.Position);
        var open = Advance();
        Enter(open);
        var arguments = new List<ExpressionNode>();
        if (Current.Kind != TokenKind.RightParen)
        {
            arguments.Add(ParseOr());
            while (Current.Kind == TokenKind.Comma)
            {
                Advance();
                arguments.Add(ParseOr());
            }
        }

        _depth--;
        Expect(TokenKind.RightParen, "')'", open);
        if (arguments.Count < signature.MinArguments || arguments.Count > signature.MaxArguments)
        {
            throw new ExpressionSyntaxException($"{signature.Name}() takes {signature.DescribeArity()}, got {arguments.Count}", name.Position);
        }

        return new FunctionCallExpression(signature.Name, arguments, name.Position);
    }

    private void Expect(TokenKind kind, string text, Token opener)
    {
        if (Current.Kind != kind)
        {
            throw new ExpressionSyntaxException($"expected {text} to close '{opener.Text}' at offset {opener.Position}, got {Current.Describe()}", Current.Position);
        }

        Advance();
    }

    private void Enter(Token token)
    {
        if (++_depth > MaxDepth)
        {
            throw new ExpressionSyntaxException($"the expression nests deeper than {MaxDepth} levels", token.Position);
        }
    }
}
