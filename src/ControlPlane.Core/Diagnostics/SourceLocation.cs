namespace ControlPlane.Core.Diagnostics;

/// <summary>
/// A position in a workflow file. Lines and columns are 1-based; a line of 0 means the problem has
/// no position in the file (for example an input value given on the command line).
/// </summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    public static SourceLocation FileOnly(string file) => new(file, 0, 0);

    public bool HasPosition => Line > 0;

    public override string ToString() => HasPosition ? $"{File}:{Line}:{Column}" : File;
}
