using ControlPlane.Core.Diagnostics;

namespace ControlPlane.Core.Definitions.Syntax;

/// <summary>Builds a mapping's entry list for both readers: the first of repeated keys wins and the repeats are reported.</summary>
internal static class MappingEntries
{
    public static void Add(List<MappingEntry> entries, MappingEntry entry, DiagnosticBag diagnostics)
    {
        var existing = entries.Find(e => e.Key.Value == entry.Key.Value);
        if (existing is null)
        {
            entries.Add(entry);
            return;
        }

        diagnostics.Error(
            DiagnosticCodes.DuplicateKey,
            entry.Key.Location,
            string.Empty,
            $"duplicate key '{entry.Key.Value}'; it is already defined on line {existing.Key.Location.Line}");
    }
}
