using ControlPlane.Core.Diagnostics;

namespace ControlPlane.Core.Definitions.Syntax;

/// <summary>Reads a workflow file into a source tree: .json files with the JSON reader, anything else as YAML.</summary>
internal static class SourceTreeReader
{
    /// <summary>Returns the root mapping, or null after reporting why the file cannot be used.</summary>
    public static MappingNode? Read(SourceDocument document, DiagnosticBag diagnostics)
    {
        var errorsBefore = diagnostics.HasErrors;
        var root = document.IsJson
            ? JsonSourceReader.Read(document, diagnostics)
            : YamlSourceReader.Read(document, diagnostics);
        if (root is MappingNode mapping)
        {
            return mapping;
        }

        if (root is null && diagnostics.HasErrors && !errorsBefore)
        {
            return null;
        }

        var location = root?.Location ?? document.LocationAt(0);
        var message = root is null || root is ScalarNode { Kind: Syntax.ScalarKind.Null }
            ? "the file is empty; a workflow needs at least 'steps'"
            : $"a workflow must be a mapping with keys such as 'name' and 'steps', got {root.Description}";
        diagnostics.Error(DiagnosticCodes.InvalidDocument, location, string.Empty, message);
        return null;
    }
}
