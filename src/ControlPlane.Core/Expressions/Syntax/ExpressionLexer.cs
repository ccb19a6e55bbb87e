using System.Globalization;
using System.Text;

namespace ControlPlane.Core.Expressions.Syntax;

/// <summary>Splits expression text into tokens; identifiers may contain '-' (<c>steps.unit-tests</c>) since there is no subtraction.</summary>
internal static class ExpressionLexer
{
    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var position = 0;
        while (true)
        {
            while (position < text.Length && char.IsWhiteSpace(text[position]))
            {
                position++;
            }

            if (position >= text.Length)
            {
                tokens.Add(new Token(TokenKind.End, string.Empty, position));
                return tokens;
            }

            var token = Next(text, position);
            tokens.Add(token);
            position += token.Text.Length;
        }
    }

    private static Token Next(string text, int position)
    {
        var c = text[position];
        var next = position + 1 < text.Length ? text[position + 1] : '\0';
        return c switch
        {
            '(' => new Token(TokenKind.LeftParen, "(", position),
            ')' => new Token(TokenKind.RightParen, ")", position),
            '[' => new Token(TokenKind.LeftBracket, "[", position),
            ']' => new Token(TokenKind.RightBracket, "]", position),
            '.' when !char.IsAsciiDigit(next) => new Token(TokenKind.Dot, ".", position),
            ',' => new Token(TokenKind.Comma, ",", position),
            '!' when next == '=' => new Token(TokenKind.NotEqual, "!=", position),
            '!' => new Token(TokenKind.Not, "!", position),
            '=' when next == '=' => new Token(TokenKind.Equal, "==", position),
            '<' when next == '=' => new Token(TokenKind.LessOrEqual, "<=", position),
            '<' => new Token(TokenKind.Less, "<", position),
            '>' when next == '=' => new Token(TokenKind.GreaterOrEqual, ">=", position),
            '>' => new Token(TokenKind.Greater, ">", position),
            '&' when next == '&' => new Token(TokenKind.And, "&&", position),
            '|' when next == '|' => new Token(TokenKind.Or, "||", position),
            '\'' => ReadString(text, position),
            '=' => throw new ExpressionSyntaxException("unexpected '='; compare with '=='", position),
            '&' => throw new ExpressionSyntaxException("unexpected '&'; write '&&' for a logical and", position),
            '|' => throw new ExpressionSyntaxException("unexpected '|'; write '||' for a logical or", position),
            '"' => throw new ExpressionSyntaxException("strings in expressions use single quotes: 'text'", position),
            _ when char.IsAsciiDigit(c) || ((c == '-' || c == '.') && (char.IsAsciiDigit(next) || next == '.')) => ReadNumber(text, position),
            _ when char.IsAsciiLetter(c) || c == '_' => ReadWord(text, position),
            _ => throw new ExpressionSyntaxException($"unexpected character '{c}'", position),
        };
    }

    private static Token ReadString(string text, int start)
    {
        var value = new StringBuilder();
        var position = start + 1;
        while (position < text.Length)
        {
            if (text[position] == '\'')
            {
                if (position + 1 < text.Length && text[position + 1] == '\'')
                {
                    value.Append('\'');
                    position += 2;
                    continue;
                }

                return new Token(TokenKind.String, text[start..(position + 1)], start, value.ToString());
            }

            value.Append(text[position]);
            position++;
        }

        throw new ExpressionSyntaxException("string is not closed; add a ' (write '' for a quote inside a string)", start);
    }

    private static Token ReadNumber(string text, int start)
    {
        var end = start;
        while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is '.' or '-' or '+' or '_'))
        {
            // A sign is part of the number only at its start or right after an exponent marker.
            if (text[end] is '-' or '+' && end > start && text[end - 1] is not ('e' or 'E'))
            {
                break;
            }

            end++;
        }

        var raw = text[start..end];
        var value = ParseNumber(raw);
        return double.IsNaN(value)
            ? throw new ExpressionSyntaxException($"'{raw}' is not a valid number", start)
            : new Token(TokenKind.Number, raw, start, value);
    }

    private static double ParseNumber(string raw)
    {
        var negative = raw.StartsWith('-');
        var unsigned = negative ? raw[1..] : raw;
        if (unsigned.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return long.TryParse(unsigned.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex)
                ? (negative ? -hex : hex)
                : double.NaN;
        }

        const NumberStyles Style = NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
        return double.TryParse(unsigned, Style, CultureInfo.InvariantCulture, out var number)
            ? (negative ? -number : number)
            : double.NaN;
    }

    private static Token ReadWord(string text, int start)
    {
        var end = start;
        while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is '_' or '-'))
        {
            end++;
        }

        var word = text[start..end];
        return word switch
        {
            "true" => new Token(TokenKind.True, word, start, true),
            "false" => new Token(TokenKind.False, word, start, false),
            "null" => new Token(TokenKind.Null, word, start),
            "NaN" => new Token(TokenKind.Number, word, start, double.NaN),
            "Infinity" => new Token(TokenKind.Number, word, start, double.PositiveInfinity),
            _ => new Token(TokenKind.Identifier, word, start),
        };
    }
}
