using ControlPlane.Core.Definitions.Validation;
using ControlPlane.Core.Diagnostics;

namespace ControlPlane.Core.Definitions;

/// <summary>
/// The entry point for workflow files. Files ending in .json are read as strict JSON, anything else
/// as YAML. Loading either returns a complete, valid definition or reports every problem at once.
/// </summary>
public static class WorkflowLoader
{
    /// <exception cref="WorkflowValidationException">The file has errors; all of them are in <see cref="WorkflowValidationException.Diagnostics"/>.</exception>
    public static WorkflowDefinition Load(string fileName, string text, WorkflowLoadOptions? options = null)
    {
        var result = Validate(fileName, text, options);
        return result.Definition ?? throw new WorkflowValidationException(result.Diagnostics);
    }

    /// <summary>Checks a file without throwing; the result holds the definition only when there are no errors.</summary>
    public static ValidationResult Validate(string fileName, string text, WorkflowLoadOptions? options = null) =>
        WorkflowCompiler.Compile(fileName, text, options ?? WorkflowLoadOptions.Default);

    /// <summary>Reads and loads a file; diagnostics name it as given in <paramref name="path"/>.</summary>
    public static WorkflowDefinition LoadFile(string path, WorkflowLoadOptions? options = null) =>
        Load(path, File.ReadAllText(path), options);
}
