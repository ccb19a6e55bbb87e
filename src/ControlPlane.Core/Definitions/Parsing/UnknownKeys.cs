using ControlPlane.Core.Definitions.Syntax;
using ControlPlane.Core.Diagnostics;
using ControlPlane.Core.Text;

namespace ControlPlane.Core.Definitions.Parsing;

/// <summary>Reports keys a mapping does not support, suggesting the closest supported key or listing them when there are few.</summary>
internal static class UnknownKeys
{
    public static void Report(DiagnosticBag diagnostics, MappingNode map, string path, IReadOnlyList<string> known, string owner)
    {
        foreach (var entry in map.Entries)
        {
            var key = entry.Key.Value;
            if (known.Contains(key))
            {
                continue;
            }

            var hint = NameSuggester.Hint(key, known);
            if (hint.Length == 0 && known.Count <= 8)
            {
                hint = "; expected one of: " + string.Join(", ", known);
            }

            diagnostics.Error(DiagnosticCodes.UnknownKey, entry.Key.Location, FieldPath.Child(path, key), $"unknown key '{key}' in {owner}{hint}");
        }
    }
}
