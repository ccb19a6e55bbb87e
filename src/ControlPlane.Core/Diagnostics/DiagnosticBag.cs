namespace ControlPlane.Core.Diagnostics;

/// <summary>Collects diagnostics from every stage so all problems are reported at once.</summary>
internal sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    public bool HasErrors => _items.Exists(d => d.IsError);

    public int Count => _items.Count;

    public void Error(string code, SourceLocation location, string path, string message) =>
        _items.Add(new Diagnostic(code, DiagnosticSeverity.Error, location, path, message));

    public void Warning(string code, SourceLocation location, string path, string message) =>
        _items.Add(new Diagnostic(code, DiagnosticSeverity.Warning, location, path, message));

    public void Add(Diagnostic diagnostic) => _items.Add(diagnostic);

    /// <summary>
    /// Diagnostics in file order; ties keep the order they were found in, which follows the file too.
    /// Exact duplicates (a node reached twice through a YAML alias) are reported once.
    /// </summary>
    public IReadOnlyList<Diagnostic> ToSortedList() =>
        _items
            .Distinct()
            .OrderBy(d => d.Location.Line)
            .ThenBy(d => d.Location.Column)
            .ToList();
}
