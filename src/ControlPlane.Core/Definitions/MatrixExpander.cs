using ControlPlane.Core.Expressions.Evaluation;

namespace ControlPlane.Core.Definitions;

/// <summary>
/// Expands a matrix into its combinations with the GitHub Actions rules: the cartesian product of the
/// axes (first axis outermost), minus every combination matching all keys of an exclude entry; then
/// each include entry is merged into every combination that agrees with it on the original axes
/// (it may overwrite values added by earlier includes, never original ones), and becomes a new
/// combination of its own when it agrees with none.
/// </summary>
public static class MatrixExpander
{
    /// <summary>The size of the product before exclude and include, saturating instead of overflowing.</summary>
    public static long ProductSize(MatrixDefinition matrix)
    {
        if (matrix.Axes.Count == 0)
        {
            return 0;
        }

        long size = 1;
        foreach (var axis in matrix.Axes)
        {
            size = Math.Min(size * Math.Max(axis.Values.Count, 0), int.MaxValue);
        }

        return size;
    }

    /// <summary>
    /// How many combinations <see cref="Expand"/> gives for the values as written, counted without building any:
    /// without exclude entries it is arithmetic; with them, one pass over the product (so the caller bounds
    /// <see cref="ProductSize"/> first) and no allocation per combination.
    /// </summary>
    public static long Count(MatrixDefinition matrix)
    {
        var axes = matrix.Axes;
        var excludes = matrix.Exclude.Select(e => AxisConstraints(e, axes, unknownKeyNeverMatches: true)).Where(c => c is not null).Select(c => c!).ToList();
        var includes = matrix.Include.Select(e => AxisConstraints(e, axes, unknownKeyNeverMatches: false)!).ToList();
        var includeMatched = new bool[includes.Count];
        var hasProduct = axes.Count > 0 && axes.All(a => a.Values.Count > 0);
        if (excludes.Count == 0)
        {
            // Nothing removed: the whole product stays, and an include agrees with some combination exactly when each
            // of its axis values occurs on its axis.
            var unmatched = includes.Count(c => !hasProduct || !Array.TrueForAll(c, p => axes[p.Axis].Values.Any(v => SameValue(v, p.Value))));
            return (hasProduct ? ProductSize(matrix) : 0) + unmatched;
        }

        long kept = 0;
        var index = new int[axes.Count];
        while (hasProduct)
        {
            if (!excludes.Exists(e => MatchesAt(e, axes, index)))
            {
                kept++;
                for (var i = 0; i < includes.Count; i++)
                {
                    includeMatched[i] |= MatchesAt(includes[i], axes, index);
                }
            }

            hasProduct = Advance(index, axes);
        }

        return kept + includeMatched.Count(matched => !matched);
    }

    /// <summary>The matrix with every written value mapped once through <paramref name="resolve"/>.</summary>
    public static MatrixDefinition Resolve(MatrixDefinition matrix, Func<object, object> resolve)
    {
        IReadOnlyDictionary<string, object> Entry(IReadOnlyDictionary<string, object> entry) =>
            entry.ToDictionary(p => p.Key, p => resolve(p.Value), StringComparer.Ordinal);

        return matrix with
        {
            Axes = [.. matrix.Axes.Select(a => a with { Values = [.. a.Values.Select(resolve)] })],
            Include = [.. matrix.Include.Select(Entry)],
            Exclude = [.. matrix.Exclude.Select(Entry)],
        };
    }

    /// <param name="resolve">Maps each written value to its final value (e.g. evaluates <c>${{ inputs.* }}</c>), once per value; identity when null.</param>
    public static IReadOnlyList<MatrixCombination> Expand(MatrixDefinition matrix, Func<object, object>? resolve = null)
    {
        matrix = resolve is null ? matrix : Resolve(matrix, resolve);
        var axisNames = matrix.Axes.Select(a => a.Name).ToList();
        var combinations = Product(matrix.Axes)
            .Where(c => !matrix.Exclude.Any(e => Matches(c, e)))
            .ToList();
        var originalCount = combinations.Count;
        foreach (var include in matrix.Include)
        {
            var merged = false;
            for (var i = 0; i < originalCount; i++)
            {
                var combination = combinations[i];
                if (include.Where(p => axisNames.Contains(p.Key)).All(p => SameValue(combination[p.Key], p.Value)))
                {
                    combinations[i] = Merge(combination, include);
                    merged = true;
                }
            }

            if (!merged)
            {
                combinations.Add(new MatrixCombination([.. include]));
            }
        }

        return combinations;
    }

    /// <summary>Matrix values compare by type and value, strings exactly: 'Linux' and 'linux' are different combinations.</summary>
    public static bool SameValue(object? left, object? right) => (left, right) switch
    {
        (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
        (double a, double b) => a.Equals(b),
        (bool a, bool b) => a == b,
        _ => false,
    };

    private static List<MatrixCombination> Product(IReadOnlyList<MatrixAxis> axes)
    {
        if (axes.Count == 0)
        {
            return [];
        }

        IEnumerable<List<KeyValuePair<string, object>>> product = [[]];
        foreach (var axis in axes)
        {
            product = product.SelectMany(prefix => axis.Values.Select(value => new List<KeyValuePair<string, object>>(prefix) { KeyValuePair.Create(axis.Name, value) }));
        }

        return product.Select(values => new MatrixCombination(values)).ToList();
    }

    private static bool Matches(MatrixCombination combination, IReadOnlyDictionary<string, object> entry) =>
        entry.All(p => SameValue(combination[p.Key], p.Value));

    /// <summary>
    /// An entry as (axis index, value) pairs. A key that names no axis makes an exclude entry match nothing (null) and
    /// is ignored in an include entry, as <see cref="Expand"/> treats them.
    /// </summary>
    private static (int Axis, object Value)[]? AxisConstraints(IReadOnlyDictionary<string, object> entry, IReadOnlyList<MatrixAxis> axes, bool unknownKeyNeverMatches)
    {
        var constraints = new List<(int, object)>();
        foreach (var (key, value) in entry)
        {
            var axis = FindAxis(axes, key);
            if (axis >= 0)
            {
                constraints.Add((axis, value));
            }
            else if (unknownKeyNeverMatches)
            {
                return null;
            }
        }

        return [.. constraints];
    }

    private static int FindAxis(IReadOnlyList<MatrixAxis> axes, string name)
    {
        for (var i = 0; i < axes.Count; i++)
        {
            if (axes[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }

    private static bool MatchesAt((int Axis, object Value)[] constraints, IReadOnlyList<MatrixAxis> axes, int[] index) =>
        Array.TrueForAll(constraints, c => SameValue(axes[c.Axis].Values[index[c.Axis]], c.Value));

    /// <summary>Moves to the next combination, last axis fastest; false after the last one.</summary>
    private static bool Advance(int[] index, IReadOnlyList<MatrixAxis> axes)
    {
        for (var i = index.Length - 1; i >= 0; i--)
        {
            if (++index[i] < axes[i].Values.Count)
            {
                return true;
            }

            index[i] = 0;
        }

        return false;
    }

    private static MatrixCombination Merge(MatrixCombination combination, IReadOnlyDictionary<string, object> include)
    {
        var values = combination.Values.ToList();
        foreach (var (key, value) in include)
        {
            var index = values.FindIndex(v => v.Key == key);
            if (index < 0)
            {
                values.Add(KeyValuePair.Create(key, value));
            }
            else
            {
                values[index] = KeyValuePair.Create(key, value);
            }
        }

        return new MatrixCombination(values);
    }

    internal static string Describe(object value) => value switch
    {
        double d => ExpressionValues.FormatNumber(d),
        bool b => b ? "true" : "false",
        _ => value.ToString() ?? string.Empty,
    };
}
