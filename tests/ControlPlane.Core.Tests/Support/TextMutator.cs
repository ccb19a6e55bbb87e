using System.Text;

namespace ControlPlane.Core.Tests.Support;

/// <summary>Damages a valid workflow text the ways people and tools do: lost or doubled lines, typos, truncation, stray tokens.</summary>
internal sealed class TextMutator(Random random)
{
    private static readonly string[] Tokens =
    [
        "${{", "}}", "${{ steps.x.outputs.y }}", "${{ inputs[", ": ", ":", "- ", "-", "[", "]", "{", "}", ",", "&a ", "*a", "*missing",
        "needs: [nope]", "needs: self", "\t", "'", "\"", "\\", "%", "@", "!!str ", "!!int ", "---\n", "...\n", "? ", "|", ">", "|-\n",
        "é", "😀", "\u0000", "0x1F", "1e999", "-0", ".nan", "null", "~", "true", "  ", "\n", "\n  - ", "\n    ", "matrix: {a: [1,2]}",
        "retry: 3", "timeout: 0s", "if: failure()", "run: echo", "sleep: 1s", "docker: {image: x}", "http: {url: 'http://x'}",
        "parallel:", "sequence:", "id: a", "id: b", "&anchor", "<<: *anchor", "#", "# comment", "==", "&&", "||", "!", "(", ")",
    ];

    public string Mutate(string text)
    {
        var count = random.Next(1, 4);
        for (var i = 0; i < count; i++)
        {
            text = MutateOnce(text);
        }

        return text;
    }

    private string MutateOnce(string text)
    {
        var lines = text.Split('\n').ToList();
        switch (random.Next(7))
        {
            case 0 when lines.Count > 1:
                lines.RemoveAt(random.Next(lines.Count));
                return string.Join('\n', lines);
            case 1:
                var line = random.Next(lines.Count);
                lines.Insert(line, lines[line]);
                return string.Join('\n', lines);
            case 2 when lines.Count > 1:
                var (a, b) = (random.Next(lines.Count), random.Next(lines.Count));
                (lines[a], lines[b]) = (lines[b], lines[a]);
                return string.Join('\n', lines);
            case 3 when text.Length > 0:
                var builder = new StringBuilder(text);
                builder[random.Next(text.Length)] = RandomCharacter();
                return builder.ToString();
            case 4 when text.Length > 0:
                return text[..random.Next(text.Length)];
            case 5:
                return text.Insert(random.Next(text.Length + 1), Tokens[random.Next(Tokens.Length)]);
            default:
                var position = random.Next(text.Length + 1);
                var length = random.Next(Math.Min(20, text.Length - position) + 1);
                return text.Remove(position, length);
        }
    }

    private char RandomCharacter()
    {
        const string Interesting = ":{}[]-'\"#&*!|>$ \t\n,?%@`\\0123456789abcxyzABC_.~é";
        return Interesting[random.Next(Interesting.Length)];
    }
}
