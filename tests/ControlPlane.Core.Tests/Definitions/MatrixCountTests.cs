using ControlPlane.Core.Definitions;

namespace ControlPlane.Core.Tests.Definitions;

/// <summary>Counting a matrix gives exactly what expanding it gives, without building the combinations.</summary>
public class MatrixCountTests
{
    private static readonly object[] Pool = ["a", "b", "A", 1d, 2d, true, false, "1"];

    [Fact]
    public void Count_equals_the_expansion_for_many_random_matrices_with_exclude_and_include()
    {
        var random = new Random(1301);
        for (var round = 0; round < 2_000; round++)
        {
            var matrix = RandomMatrix(random);

            Assert.True(
                MatrixExpander.Expand(matrix).Count == MatrixExpander.Count(matrix),
                $"round {round}: expand gives {MatrixExpander.Expand(matrix).Count}, count gives {MatrixExpander.Count(matrix)}");
        }
    }

    [Fact]
    public void An_exclude_naming_an_unknown_key_removes_nothing_and_an_include_on_it_adds_to_every_combination()
    {
        var matrix = new MatrixDefinition
        {
            Axes = [new("os", ["linux", "mac"])],
            Exclude = [new Dictionary<string, object> { ["arch"] = "x64" }],
            Include = [new Dictionary<string, object> { ["arch"] = "arm64" }],
        };

        Assert.Equal(2, MatrixExpander.Count(matrix));
        Assert.Equal(2, MatrixExpander.Expand(matrix).Count);
    }

    [Fact]
    public void A_product_of_ten_million_without_exclude_is_counted_by_arithmetic()
    {
        var values = Enumerable.Range(0, 100).Select(i => (object)(double)i).ToList();
        var matrix = new MatrixDefinition
        {
            Axes = [new("a", values), new("b", values), new("c", values), new("d", values[..10])],
            Include = [new Dictionary<string, object> { ["a"] = 3d, ["x"] = "y" }, new Dictionary<string, object> { ["a"] = 1000d }],
        };
        var allocated = GC.GetAllocatedBytesForCurrentThread();

        Assert.Equal(10_000_001, MatrixExpander.Count(matrix));
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - allocated, 0, 1_000_000);
    }

    private static MatrixDefinition RandomMatrix(Random random)
    {
        var axes = Enumerable.Range(0, random.Next(0, 4))
            .Select(i => new MatrixAxis($"x{i}", Enumerable.Range(0, random.Next(0, 4)).Select(_ => Pick(random)).ToList()))
            .ToList();
        var keys = axes.Select(a => a.Name).Append("extra").ToList();
        return new MatrixDefinition
        {
            Axes = axes,
            Exclude = Entries(random, keys, random.Next(0, 4)),
            Include = Entries(random, keys, random.Next(0, 4)),
        };
    }

    private static List<IReadOnlyDictionary<string, object>> Entries(Random random, List<string> keys, int count) =>
        Enumerable.Range(0, count)
            .Select(_ => (IReadOnlyDictionary<string, object>)keys.Where(_ => random.Next(2) == 0).ToDictionary(k => k, _ => Pick(random)))
            .ToList();

    private static object Pick(Random random) => Pool[random.Next(Pool.Length)];
}
