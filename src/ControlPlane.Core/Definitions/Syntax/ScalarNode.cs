using ControlPlane.Core.Diagnostics;

namespace ControlPlane.Core.Definitions.Syntax;

/// <summary>A scalar value with its resolved kind and enough of its source to locate characters inside it.</summary>
internal sealed class ScalarNode(
    SourceDocument document,
    int startIndex,
    string value,
    ScalarKind kind,
    ScalarNotation notation) : SourceNode(document.LocationAt(startIndex))
{
    public string Value { get; } = value;

    public ScalarKind Kind { get; } = kind;

    public ScalarNotation Notation { get; } = notation;

    public override string Description => Kind switch
    {
        ScalarKind.Number => "a number",
        ScalarKind.Boolean => "a boolean",
        ScalarKind.Null => "null",
        _ => "a string",
    };

    /// <summary>
    /// The file position of the character at <paramref name="offset"/> in <see cref="Value"/>, exact for
    /// single-line scalars and literal blocks; otherwise the start of the scalar.
    /// </summary>
    public SourceLocation LocationAt(int offset) =>
        ScalarPositionMapper.Map(document, startIndex, this, offset);
}
