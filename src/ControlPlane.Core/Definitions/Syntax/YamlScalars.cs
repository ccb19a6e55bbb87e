using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ControlPlane.Core.Definitions.Syntax;

/// <summary>Turns YamlDotNet scalar events into scalar nodes with a resolved kind.</summary>
internal static class YamlScalars
{
    private const string StringTag = "tag:yaml.org,2002:str";

    public static ScalarNode Create(SourceDocument document, Scalar scalar)
    {
        var notation = scalar.Style switch
        {
            ScalarStyle.SingleQuoted => ScalarNotation.SingleQuoted,
            ScalarStyle.DoubleQuoted => ScalarNotation.DoubleQuoted,
            ScalarStyle.Literal => ScalarNotation.Literal,
            ScalarStyle.Folded => ScalarNotation.Folded,
            _ => ScalarNotation.Plain,
        };

        // Only plain, untagged scalars are resolved; quoting or !!str makes a string.
        var explicitString = !scalar.Tag.IsEmpty && scalar.Tag.Value == StringTag;
        var kind = notation == ScalarNotation.Plain && !explicitString ? ScalarResolver.Resolve(scalar.Value) : ScalarKind.String;
        return new ScalarNode(document, (int)scalar.Start.Index, scalar.Value, kind, notation);
    }

    public static string Describe(YamlException exception)
    {
        var message = exception.Message.Trim().TrimEnd('.');
        return message.Length > 0 ? char.ToLowerInvariant(message[0]) + message[1..] : "syntax error";
    }
}
