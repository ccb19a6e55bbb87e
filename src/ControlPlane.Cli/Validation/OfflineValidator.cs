using ControlPlane.Contracts.V1;
using ControlPlane.Core.Definitions;
using ControlPlane.Core.Definitions.Identity;
using ControlPlane.Core.Planning;
using CoreDiagnostic = ControlPlane.Core.Diagnostics.Diagnostic;

namespace ControlPlane.Cli.Validation;

/// <summary>
/// Checks a workflow file and plans it with inputs exactly as the server's ValidateWorkflow does (same loader,
/// planner and renderer from Core), and answers with the same message, so offline and online results match.
/// </summary>
internal static class OfflineValidator
{
    /// <summary>The server's ValidateWorkflowResponse for this file, computed here.</summary>
    public static ValidateWorkflowResponse Check(string fileName, string text, IReadOnlyDictionary<string, string> inputs)
    {
        var validation = WorkflowLoader.Validate(fileName, text);
        if (validation.Definition is not { } definition)
        {
            return Response(false, validation.Diagnostics, string.Empty, string.Empty, string.Empty);
        }

        var hash = WorkflowContentHash.Compute(definition);
        var planning = WorkflowPlanner.TryPlan(definition, inputs);
        var diagnostics = validation.Diagnostics.Concat(planning.Diagnostics).ToList();
        return planning.Plan is { } plan
            ? Response(true, diagnostics, definition.Name, hash, PlanRenderer.Render(plan))
            : Response(false, diagnostics, definition.Name, hash, string.Empty);
    }

    /// <summary>A Core diagnostic in its wire form.</summary>
    public static Diagnostic ToProto(CoreDiagnostic diagnostic) => new()
    {
        Code = diagnostic.Code,
        Severity = diagnostic.IsError ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
        File = diagnostic.Location.File,
        Line = diagnostic.Location.Line,
        Column = diagnostic.Location.Column,
        FieldPath = diagnostic.Path,
        Message = diagnostic.Message,
        Text = diagnostic.ToString(),
    };

    private static ValidateWorkflowResponse Response(bool valid, IEnumerable<CoreDiagnostic> diagnostics, string name, string hash, string plan) => new()
    {
        Valid = valid,
        Diagnostics = { diagnostics.Select(ToProto) },
        WorkflowName = name,
        ContentHash = hash,
        Plan = plan,
    };
}
