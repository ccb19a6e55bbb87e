namespace ControlPlane.Core.Diagnostics;

/// <summary>
/// Thrown when a workflow file or the inputs given to it are invalid. Carries every problem found,
/// not just the first, so a user can fix them all in one pass.
/// </summary>
public sealed class WorkflowValidationException : Exception
{
    public WorkflowValidationException()
        : this([])
    {
    }

    public WorkflowValidationException(string message)
        : base(message)
    {
        Diagnostics = [];
    }

    public WorkflowValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Diagnostics = [];
    }

    public WorkflowValidationException(IReadOnlyList<Diagnostic> diagnostics)
        : base(Summarize(diagnostics))
    {
        Diagnostics = diagnostics;
    }

    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    private static string Summarize(IReadOnlyList<Diagnostic> diagnostics)
    {
        var errors = diagnostics.Count(d => d.IsError);
        var header = errors == 1 ? "the workflow has 1 error" : $"the workflow has {errors} errors";
        return diagnostics.Count == 0
            ? "the workflow is invalid"
            : header + Environment.NewLine + string.Join(Environment.NewLine, diagnostics);
    }
}
