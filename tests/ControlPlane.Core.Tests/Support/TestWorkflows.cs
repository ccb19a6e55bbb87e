using ControlPlane.Core.Definitions;
using ControlPlane.Core.Diagnostics;

namespace ControlPlane.Core.Tests.Support;

/// <summary>Loads inline workflow texts and shows diagnostics the way a user sees them.</summary>
internal static class TestWorkflows
{
    public const string FileName = "test.yaml";

    /// <summary>Every diagnostic, formatted like compiler output.</summary>
    public static string[] Diagnose(string text, string fileName = FileName) =>
        WorkflowLoader.Validate(fileName, text).Diagnostics.Select(d => d.ToString()).ToArray();

    public static WorkflowDefinition Load(string text, string fileName = FileName)
    {
        try
        {
            return WorkflowLoader.Load(fileName, text);
        }
        catch (WorkflowValidationException exception)
        {
            throw new Xunit.Sdk.XunitException("expected a valid workflow, got:\n" + string.Join("\n", exception.Diagnostics));
        }
    }

    /// <summary>The examples folder, found by walking up from the test binaries to the repository root.</summary>
    public static string ExamplesDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "examples");
            if (Directory.Exists(candidate) && File.Exists(Path.Combine(candidate, "ci.yaml")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("examples/ not found above " + AppContext.BaseDirectory);
    }
}
