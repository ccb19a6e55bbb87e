using System.Globalization;
using ControlPlane.Core.Definitions.Syntax;
using ControlPlane.Core.Diagnostics;
using ControlPlane.Core.Text;

namespace ControlPlane.Core.Definitions.Parsing;

/// <summary>Reads <c>matrix:</c>: axes are every key except include, exclude, max_parallel and fail_fast.</summary>
internal static class MatrixParser
{
    private static readonly string[] ReservedKeys = ["include", "exclude", "max_parallel", "fail_fast"];

    public static MatrixDefinition? Parse(ParseContext context, MappingEntry? entry, string path)
    {
        var map = context.Reader.Mapping(entry?.Value, path, "a mapping of axes to lists of values");
        if (map is null)
        {
            return null;
        }

        var problemsBefore = context.Diagnostics.Count;
        var axes = new List<MatrixAxis>();
        var axisEntries = map.Entries.Where(e => !ReservedKeys.Contains(e.Key.Value)).ToList();
        foreach (var axisEntry in axisEntries)
        {
            if (ReadAxis(context, axisEntry, FieldPath.Child(path, axisEntry.Key.Value)) is { } axis)
            {
                axes.Add(axis);
            }
        }

        var axisNames = axes.Select(a => a.Name).ToList();
        var matrix = new MatrixDefinition
        {
            Axes = axes,
            Include = ReadEntries(context, map["include"], FieldPath.Child(path, "include"), null),
            Exclude = ReadEntries(context, map["exclude"], FieldPath.Child(path, "exclude"), axisNames),
            MaxParallel = context.Reader.Integer(map["max_parallel"], FieldPath.Child(path, "max_parallel"), 1, 1000),
            FailFast = context.Reader.Boolean(map["fail_fast"], FieldPath.Child(path, "fail_fast")) ?? true,
        };
        if (axisEntries.Count == 0 && !map.Contains("include"))
        {
            context.Diagnostics.Error(DiagnosticCodes.EmptyCollection, entry!.Key.Location, path, "a matrix needs at least one axis (e.g. os: [linux, windows]) or an include list");
            return matrix;
        }

        // A matrix with a broken axis or entry would be counted wrongly; its own errors are enough.
        if (context.Diagnostics.Count == problemsBefore)
        {
            CheckSize(context, entry!.Key, path, matrix);
        }

        return matrix;
    }

    private static void CheckSize(ParseContext context, ScalarNode key, string path, MatrixDefinition matrix)
    {
        // Counting walks the product once without building it; a product far beyond the limit is reported without
        // walking it, so the cost of a file's matrices stays bounded whatever the axes multiply to.
        const long CountingCeiling = 100_000;
        var limit = context.Options.MaxMatrixCombinations;
        var product = MatrixExpander.ProductSize(matrix);
        var count = product > CountingCeiling ? product : MatrixExpander.Count(matrix);
        if (count > limit)
        {
            var size = product > CountingCeiling
                ? $"{product.ToString("N0", CultureInfo.InvariantCulture)} combinations before exclude"
                : $"{count.ToString("N0", CultureInfo.InvariantCulture)} combinations";
            context.Diagnostics.Error(DiagnosticCodes.MatrixTooLarge, key.Location, path, $"the matrix expands to {size}, more than the limit of {limit}; remove values or exclude combinations");
        }
        else if (count == 0)
        {
            context.Diagnostics.Error(DiagnosticCodes.MatrixEmpty, key.Location, path, "the matrix has no combinations left after exclude");
        }
    }

    private static MatrixAxis? ReadAxis(ParseContext context, MappingEntry entry, string path)
    {
        if (!Identifiers.IsValidId(entry.Key.Value))
        {
            context.Diagnostics.Error(DiagnosticCodes.InvalidName, entry.Key.Location, path, $"invalid matrix axis name '{entry.Key.Value}'; {Identifiers.IdRule}");
        }

        var hint = NameSuggester.Closest(entry.Key.Value, ReservedKeys) is { } reserved ? $" (did you mean '{reserved}'?)" : string.Empty;
        var list = context.Reader.Sequence(entry.Value, path, "a list of values for this axis" + hint);
        if (list is null)
        {
            return null;
        }

        if (list.Items.Count == 0)
        {
            context.Diagnostics.Error(DiagnosticCodes.EmptyCollection, list.Location, path, $"matrix axis '{entry.Key.Value}' has no values");
            return null;
        }

        var values = new List<object>();
        for (var i = 0; i < list.Items.Count; i++)
        {
            if (ReadValue(context, list.Items[i], FieldPath.Index(path, i)) is { } value)
            {
                values.Add(value);
            }
        }

        return new MatrixAxis(entry.Key.Value, values);
    }

    private static List<IReadOnlyDictionary<string, object>> ReadEntries(ParseContext context, SourceNode? node, string path, IReadOnlyList<string>? knownAxes)
    {
        var entries = new List<IReadOnlyDictionary<string, object>>();
        var list = context.Reader.Sequence(node, path, "a list of mappings");
        for (var i = 0; list is not null && i < list.Items.Count; i++)
        {
            var entryPath = FieldPath.Index(path, i);
            var map = context.Reader.Mapping(list.Items[i], entryPath, "a mapping of axis names to values");
            if (map is null)
            {
                continue;
            }

            var values = new Dictionary<string, object>(StringComparer.Ordinal);
            foreach (var field in map.Entries)
            {
                var fieldPath = FieldPath.Child(entryPath, field.Key.Value);
                if (knownAxes is not null && !knownAxes.Contains(field.Key.Value))
                {
                    context.Diagnostics.Error(DiagnosticCodes.MatrixUnknownAxis, field.Key.Location, fieldPath, $"exclude names unknown matrix axis '{field.Key.Value}'{NameSuggester.Hint(field.Key.Value, knownAxes)}");
                    continue;
                }

                if (knownAxes is null && !Identifiers.IsValidId(field.Key.Value))
                {
                    context.Diagnostics.Error(DiagnosticCodes.InvalidName, field.Key.Location, fieldPath, $"invalid matrix key '{field.Key.Value}'; {Identifiers.IdRule}");
                }

                if (ReadValue(context, field.Value, fieldPath) is { } value)
                {
                    values[field.Key.Value] = value;
                }
            }

            entries.Add(values);
        }

        return entries;
    }

    private static object? ReadValue(ParseContext context, SourceNode node, string path)
    {
        if (node is not ScalarNode { Kind: not ScalarKind.Null } scalar)
        {
            context.Reader.WrongType(node, path, "a string, number or boolean");
            return null;
        }

        context.AddSite(scalar, path, ExpressionScope.Workflow, null);
        return scalar.Kind switch
        {
            ScalarKind.Number => ScalarResolver.ParseNumber(scalar.Value),
            ScalarKind.Boolean => ScalarResolver.ParseBoolean(scalar.Value),
            _ => scalar.Value,
        };
    }
}
