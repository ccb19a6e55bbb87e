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

    /// <param name="resolve">Maps each written value to its final value (e.g. evaluates <c>${{ inputs.* }}</c>); identity when null.</param>
    public static IReadOnlyList<MatrixCombination> Expand(MatrixDefinition matrix, Func<object, object>? resolve = null)
    {
        resolve ??= value => value;
        var axisNames = matrix.Axes.Select(a => a.Name).ToList();
        var combinations = Product(matrix.Axes, resolve)
            .Where(c => !matrix.Exclude.Any(e => Matches(c, e, resolve)))
            .ToList();
        var originalCount = combinations.Count;
        foreach (var include in matrix.Include)
        {
            var merged = false;
            for (var i = 0; i < originalCount; i++)
            {
                var combination = combinations[i];
                if (include.Where(p => axisNames.Contains(p.Key)).All(p => SameValue(combination[p.Key], resolve(p.Value))))
                {
                    combinations[i] = Merge(combination, include, resolve);
                    merged = true;
                }
            }

            if (!merged)
            {
                combinations.Add(new MatrixCombination(include.Select(p => KeyValuePair.Create(p.Key, resolve(p.Value))).ToList()));
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

    private static List<MatrixCombination> Product(IReadOnlyList<MatrixAxis> axes, Func<object, object> resolve)
    {
        if (axes.Count == 0)
        {
            return [];
        }

        IEnumerable<List<KeyValuePair<string, object>>> product = [[]];
        foreach (var axis in axes)
        {
            product = product.SelectMany(prefix => axis.Values.Select(value => new List<KeyValuePair<string, object>>(prefix) { KeyValuePair.Create(axis.Name, resolve(value)) }));
        }

        return product.Select(values => new MatrixCombination(values)).ToList();
    }

    private static bool Matches(MatrixCombination combination, IReadOnlyDictionary<string, object> entry, Func<object, object> resolve) =>
        entry.All(p => SameValue(combination[p.Key], resolve(p.Value)));

    private static MatrixCombination Merge(MatrixCombination combination, IReadOnlyDictionary<string, object> include, Func<object, object> resolve)
    {
        var values = combination.Values.ToList();
        foreach (var (key, value) in include)
        {
            var index = values.FindIndex(v => v.Key == key);
            if (index < 0)
            {
                values.Add(KeyValuePair.Create(key, resolve(value)));
            }
            else
            {
                values[index] = KeyValuePair.Create(key, resolve(value));
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
