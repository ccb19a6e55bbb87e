namespace ControlPlane.Core.Diagnostics;

/// <summary>
/// One problem found in a workflow file or in the values given to it, located precisely enough for a
/// person to fix it: file, line, column, the field path (<c>steps[3].needs[0]</c>) and a stable code.
/// </summary>
public sealed record Diagnostic(
    string Code,
    DiagnosticSeverity Severity,
    SourceLocation Location,
    string Path,
    string Message)
{
    public bool IsError => Severity == DiagnosticSeverity.Error;

    /// <summary>Formats like a compiler: <c>ci.yaml:12:7: error CP1004 steps[3].needs[0]: unknown step 'biuld'</c>.</summary>
    public override string ToString()
    {
        var severity = Severity == DiagnosticSeverity.Error ? "error" : "warning";
        var path = Path.Length == 0 ? string.Empty : " " + Path;

        // One diagnostic per line, even when a message quotes a multi-line value from the file.
        var message = Message.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
        return $"{Location}: {severity} {Code}{path}: {message}";
    }
}
